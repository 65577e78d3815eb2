package exec

import (
	"testing"

	"auger/internal/sqlstate"
)

// TestFloatFunctions checks double precision functions against
// PostgreSQL's results, which come from the C library (cbrt(27) is not 3
// there), and its domain errors.
func TestFloatFunctions(t *testing.T) {
	runFunctionCases(t, []functionCase{
		call("cbrt", floats("27", "-8", "NULL")).gives("3.0000000000000004", "-2", "NULL"),
		call("exp", floats("1")).gives("2.718281828459045"),
		call("ln", floats("2")).gives("0.6931471805599453"),
		call("log", floats("100")).gives("2"),
		call("sin", floats("1")).gives("0.8414709848078965"),
		call("atan2", floats("1"), floats("2")).gives("0.4636476090008061"),
		call("degrees", floats("1")).gives("57.29577951308232"),
		call("radians", floats("180")).gives("3.141592653589793"),
		call("round", floats("2.5", "3.5", "-2.5", "-0.5")).gives("2", "4", "-2", "-0"),
		call("trunc", floats("-2.7", "2.7")).gives("-2", "2"),
		call("sign", floats("-3.5", "0", "2")).gives("-1", "0", "1"),
		call("power", floats("2", "-8", "0"), floats("0.5", "3", "0")).gives("1.4142135623730951", "-512", "1"),
		call("power", floats("0"), floats("-1")).fails(sqlstate.InvalidArgumentForPower, "zero raised to a negative power is undefined"),
		call("power", floats("-8"), floats("0.5")).fails(sqlstate.InvalidArgumentForPower, "a negative number raised to a non-integer power yields a complex result"),
		call("sqrt", floats("-1")).fails(sqlstate.InvalidArgumentForPower, "cannot take square root of a negative number"),
		call("ln", floats("0")).fails(sqlstate.InvalidArgumentForLogarithm, "cannot take logarithm of zero"),
		call("log10", floats("-1")).fails(sqlstate.InvalidArgumentForLogarithm, "cannot take logarithm of a negative number"),
		call("exp", floats("1000")).fails(sqlstate.NumericValueOutOfRange, "value out of range: overflow"),
		call("exp", floats("-1000")).fails(sqlstate.NumericValueOutOfRange, "value out of range: underflow"),
		call("sin", floats("Infinity")).fails(sqlstate.NumericValueOutOfRange, "input is out of range"),
		call("acos", floats("2")).fails(sqlstate.NumericValueOutOfRange, "input is out of range"),
		call("width_bucket", floats("5.35", "-1", "10", "Infinity"), floats("0.024", "0", "0", "0"), floats("10.06", "10", "10", "10"), ints("5", "5", "5", "5")).
			gives("3", "0", "6", "6"),
		call("width_bucket", floats("5"), floats("10"), floats("0"), ints("5")).gives("3"),
		call("width_bucket", floats("1"), floats("1"), floats("1"), ints("1")).fails(sqlstate.InvalidArgumentForWidthBucket, "lower bound cannot equal upper bound"),
		call("pi").gives("3.141592653589793"),
	})
}

// TestNumericFunctions checks the exact functions of numeric and their
// result scales, as PostgreSQL 15 computes them.
func TestNumericFunctions(t *testing.T) {
	runFunctionCases(t, []functionCase{
		call("exp", numerics("2.5", "1", "0")).gives("12.182493960703473", "2.7182818284590452", "1.0000000000000000"),
		call("ln", numerics("10", "1")).gives("2.3025850929940457", "0.0000000000000000"),
		call("log", numerics("2", "100")).gives("0.3010299956639812", "2.0000000000000000"),
		call("log", numerics("2.5"), numerics("100.25")).gives("5.0286081763178888"),
		call("sqrt", numerics("2", "0.0000001", "0", "12345678901234567890")).
			gives("1.414213562373095", "0.0003162277660168379", "0.000000000000000", "3513641828.8201443"),
		call("power", numerics("7", "2", "1.5", "2", "0"), numerics("0.5", "-1", "3", "10", "0")).
			gives("2.6457513110645906", "0.5000000000000000", "3.3750000000000000", "1024.0000000000000000", "1.0000000000000000"),
		call("power", numerics("0"), numerics("-1")).fails(sqlstate.InvalidArgumentForPower, "zero raised to a negative power is undefined"),
		call("power", numerics("-1"), numerics("0.5")).fails(sqlstate.InvalidArgumentForPower, "complex result"),
		call("div", numerics("-7.5", "9"), numerics("2", "4")).gives("-3", "2"),
		call("mod", numerics("-7.5"), numerics("2")).gives("-1.5"),
		call("mod", numerics("1"), numerics("0")).fails(sqlstate.DivisionByZero, "division by zero"),
		call("gcd", numerics("12.5"), numerics("7.5")).gives("2.5"),
		call("lcm", numerics("1.5", "0"), numerics("2.25", "3")).gives("4.50", "0"),
		call("width_bucket", numerics("5.35"), numerics("0.024"), numerics("10.06"), ints("5")).gives("3"),
		call("sign", decimals(5, 1, "-2.5", "0.0")).gives("-1", "0"),
		call("trunc", numerics("-2.789", "2789.1"), ints("2", "-2")).gives("-2.78", "2700"),
		call("round", numerics("-1.235", "1234.5", "12.34"), ints("2", "-2", "5")).gives("-1.24", "1200", "12.34000"),
		call("round", decimals(12, 2, "-2.50", "2.49")).gives("-3", "2"),
		call("ceil", decimals(12, 3, "-1.500", "12.345")).gives("-1", "13"),
		call("floor", decimals(12, 3, "-1.500")).gives("-2"),
		call("abs", decimals(12, 2, "-3.10")).gives("3.10"),
		call("ln", numerics("0")).fails(sqlstate.InvalidArgumentForLogarithm, "cannot take logarithm of zero"),
		call("log", numerics("1"), numerics("10")).fails(sqlstate.DivisionByZero, "division by zero"),
		call("sqrt", numerics("-1")).fails(sqlstate.InvalidArgumentForPower, "cannot take square root of a negative number"),
	})
}

// TestIntegerFunctions checks integer functions and operators: their
// types' overflow errors, C's shifts.
func TestIntegerFunctions(t *testing.T) {
	runFunctionCases(t, []functionCase{
		call("abs", ints("-5", "NULL")).gives("5", "NULL"),
		call("abs", ints("-2147483648")).fails(sqlstate.NumericValueOutOfRange, "integer out of range"),
		call("mod", ints("-7", "7"), ints("3", "-3")).gives("-1", "1"),
		call("mod", ints("1"), ints("0")).fails(sqlstate.DivisionByZero, "division by zero"),
		call("gcd", ints("12", "-12", "0"), ints("18", "18", "0")).gives("6", "6", "0"),
		call("gcd", ints("-2147483648"), ints("0")).fails(sqlstate.NumericValueOutOfRange, "integer out of range"),
		call("lcm", ints("4", "0"), ints("6", "5")).gives("12", "0"),
		operator("&", ints("7"), ints("3")).gives("3"),
		operator("|", ints("7"), ints("8")).gives("15"),
		operator("#", ints("5"), ints("1")).gives("4"),
		operator("~", ints("0")).gives("-1"),
		operator("<<", ints("1", "1"), ints("4", "33")).gives("16", "2"),
		operator(">>", ints("-16"), ints("2")).gives("-4"),
		operator("@", ints("-5")).gives("5"),
		operator("^", floats("2"), floats("10")).gives("1024"),
		operator("|/", floats("16")).gives("4"),
		operator("||/", floats("27")).gives("3.0000000000000004"),
	})
}

// TestRandomIsInRange checks random()'s range, and that setseed makes it
// repeat.
func TestRandomIsInRange(t *testing.T) {
	draw := func() []string {
		if _, err := callFunc(t, "setseed", false, floats("0.25")); err != nil {
			t.Fatal(err)
		}
		rows, err := callFunc(t, "random", false)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	first, second := draw(), draw()
	if first[0] != second[0] {
		t.Errorf("setseed(0.25) then random() gave %s, then %s", first[0], second[0])
	}
	if first[0] < "0" || first[0] >= "1" {
		t.Errorf("random() = %s, not in [0, 1)", first[0])
	}
	if _, err := callFunc(t, "setseed", false, floats("2")); sqlstate.Code(err) != sqlstate.InvalidParameterValue {
		t.Errorf("setseed(2): %v", err)
	}
}
