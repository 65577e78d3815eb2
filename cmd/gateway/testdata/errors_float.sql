-- Floating-point arithmetic out of range: PostgreSQL's checks after IEEE
-- arithmetic (an infinite result of finite operands, a zero product or
-- quotient of non-zero ones).
SELECT 1e308::float8 + 1e308::float8;
SELECT (-1e308)::float8 - 1e308::float8;
SELECT 1e300::float8 * 1e300;
SELECT 1e300::float8 / 1e-300::float8;
SELECT 1e-300::float8 * 1e-300::float8;
SELECT 1e-300::float8 / 1e300::float8;
SELECT 3.4e38::float4 * 10::float4;
SELECT 1e-30::float4 * 1e-30::float4;
SELECT score * 1e308 FROM {T} WHERE score > 10;
SELECT ratio * 1e38::float4 FROM {T} WHERE ratio > 10;
SELECT 1e308::float8 * 10::int;
SELECT score / 0::float8 FROM {T} WHERE score IS NOT NULL;
