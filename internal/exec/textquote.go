package exec

import (
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// quotingFunctions build text from values: concat, format and the quoting
// of literals and identifiers. Those that show values of any type are
// stable, as in PostgreSQL: a value's text may depend on settings.
var quotingFunctions = []*Overload{
	withVolatility(Stable, variadic(fn("concat", params(tAny), returns(text), concatKernel))),
	withVolatility(Stable, variadic(fn("concat_ws", params(tText, tAny), returns(text), concatWSKernel))),
	fn("quote_ident", params(tText), returns(text), mapText(quoteIdent)),
	fn("quote_literal", params(tText), returns(text), quoteKernel(false)),
	withVolatility(Stable, fn("quote_literal", params(tAnyElement), returns(text), quoteKernel(false))),
	fn("quote_nullable", params(tText), returns(text), quoteKernel(true)),
	withVolatility(Stable, fn("quote_nullable", params(tAnyElement), returns(text), quoteKernel(true))),
	withVolatility(Stable, fn("format", params(tText), returns(text), formatKernel)),
	withVolatility(Stable, variadic(fn("format", params(tText, tAny), returns(text), formatKernel))),
}

// textOf renders a value as its type's output function does (concat and
// format show values so).
func textOf(a arrow.Array, i int) string { return types.FormatText(a, i, time.UTC) }

// castText is a value cast to text: its output, but true and false in
// words for booleans (|| and quote_literal cast their operands).
func castText(a arrow.Array, i int) string {
	if b, ok := a.(*array.Boolean); ok {
		return strconv.FormatBool(b.Value(i))
	}
	return textOf(a, i)
}

// concatKernel joins the text of its arguments, skipping NULLs.
func concatKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	b := stringBuilder(k)
	defer b.Release()
	for i := 0; i < k.Rows; i++ {
		b.Append(joinValues(args, i, ""))
	}
	return b.NewArray(), nil
}

// concatWSKernel joins the text of its arguments after the first with the
// first as separator, skipping NULLs; a NULL separator gives NULL.
func concatWSKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	sep := textAt(args[0])
	b := stringBuilder(k)
	defer b.Release()
	for i := 0; i < k.Rows; i++ {
		if sep.IsNull(i) {
			b.AppendNull()
			continue
		}
		b.Append(joinValues(args[1:], i, sep.Value(i)))
	}
	return b.NewArray(), nil
}

func joinValues(args []arrow.Array, i int, sep string) string {
	var parts []string
	for _, a := range args {
		if !a.IsNull(i) {
			parts = append(parts, textOf(a, i))
		}
	}
	return strings.Join(parts, sep)
}

// quoteKernel is quote_literal, and quote_nullable (NULL becomes the word
// NULL) when nullable.
func quoteKernel(nullable bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		b := stringBuilder(k)
		defer b.Release()
		for i := 0; i < k.Rows; i++ {
			switch {
			case !args[0].IsNull(i):
				b.Append(quoteLiteral(castText(args[0], i)))
			case nullable:
				b.Append("NULL")
			default:
				b.AppendNull()
			}
		}
		return b.NewArray(), nil
	}
}

// quoteLiteral quotes a string as an SQL literal: quotes doubled, and an
// E” literal with doubled backslashes when it has any.
func quoteLiteral(s string) string {
	q := "'" + strings.ReplaceAll(s, "'", "''") + "'"
	if strings.Contains(s, `\`) {
		return "E" + strings.ReplaceAll(q, `\`, `\\`)
	}
	return q
}

// quoteIdent quotes an identifier unless it is a lower-case name that is
// not a keyword PostgreSQL reserves in some context.
func quoteIdent(s string) string {
	safe := s != "" && (s[0] >= 'a' && s[0] <= 'z' || s[0] == '_')
	for i := 0; i < len(s) && safe; i++ {
		c := s[i]
		safe = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
	}
	if safe && !reservedKeywords[s] {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// reservedKeywords are PostgreSQL 15's keywords of every category but
// "unreserved" (pg_get_keywords() with catcode <> 'U'): quote_ident and
// %I quote them.
var reservedKeywords = func() map[string]bool {
	words := strings.Fields(`all analyse analyze and any array as asc asymmetric authorization between bigint
	binary bit boolean both case cast char character check coalesce collate collation column concurrently
	constraint create cross current_catalog current_date current_role current_schema current_time
	current_timestamp current_user dec decimal default deferrable desc distinct do else end except exists
	extract false fetch float for foreign freeze from full grant greatest group grouping having ilike in
	initially inner inout int integer intersect interval into is isnull join lateral leading least left like
	limit localtime localtimestamp national natural nchar none normalize not notnull null nullif numeric
	offset on only or order out outer overlaps overlay placing position precision primary real references
	returning right row select session_user setof similar smallint some substring symmetric table
	tablesample then time timestamp to trailing treat trim true union unique user using values varchar
	variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest
	xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable`)
	out := make(map[string]bool, len(words))
	for _, w := range words {
		out[w] = true
	}
	return out
}()

// formatKernel is format(fmt, args...): %s (text), %I (identifier), %L
// (literal) with optional argument positions (%2$s), widths (%-10s, %*s)
// and %% for a percent sign. A NULL format gives NULL.
func formatKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	formats := textAt(args[0])
	b := stringBuilder(k)
	defer b.Release()
	for i := 0; i < k.Rows; i++ {
		if formats.IsNull(i) {
			b.AppendNull()
			continue
		}
		s, err := formatRow(formats.Value(i), args[1:], i)
		if err != nil {
			return nil, err
		}
		b.Append(s)
	}
	return b.NewArray(), nil
}

// formatter walks one format string.
type formatter struct {
	format string
	pos    int // the next byte of format
	args   []arrow.Array
	row    int
	next   int // the next argument taken without a position
	out    strings.Builder
}

func formatRow(format string, args []arrow.Array, row int) (string, error) {
	f := &formatter{format: format, args: args, row: row}
	for f.pos < len(format) {
		c := format[f.pos]
		f.pos++
		if c != '%' {
			f.out.WriteByte(c)
			continue
		}
		if err := f.conversion(); err != nil {
			return "", err
		}
	}
	return f.out.String(), nil
}

func formatError(msg string) *sqlstate.Error {
	return sqlstate.New(sqlstate.InvalidParameterValue, "%s", msg).WithHint(`For a single "%" use "%%".`)
}

// conversion reads one %[position$][-][width]type and writes its value.
func (f *formatter) conversion() error {
	if f.pos >= len(f.format) {
		return formatError("unterminated format() type specifier")
	}
	if f.format[f.pos] == '%' {
		f.pos++
		f.out.WriteByte('%')
		return nil
	}
	arg, explicit, err := f.position()
	if err != nil {
		return err
	}
	left := f.take('-')
	width, err := f.width()
	if err != nil {
		return err
	}
	if width < 0 {
		left, width = true, -width
	}
	if f.pos >= len(f.format) {
		return formatError("unterminated format() type specifier")
	}
	kind := f.format[f.pos]
	f.pos++
	if kind != 's' && kind != 'I' && kind != 'L' {
		return formatError(`unrecognized format() type specifier "` + string(kind) + `"`)
	}
	if !explicit {
		arg = f.next
	}
	if arg >= len(f.args) {
		return sqlstate.New(sqlstate.InvalidParameterValue, "too few arguments for format()")
	}
	f.next = arg + 1
	v, err := f.value(arg, kind)
	if err != nil {
		return err
	}
	f.out.WriteString(padTo(v, width, left))
	return nil
}

// position reads an optional "n$" argument position (0-based result).
func (f *formatter) position() (int, bool, error) {
	end := f.pos
	for end < len(f.format) && f.format[end] >= '0' && f.format[end] <= '9' {
		end++
	}
	if end == f.pos || end >= len(f.format) || f.format[end] != '$' {
		return 0, false, nil
	}
	n, err := strconv.Atoi(f.format[f.pos:end])
	if err != nil || n == 0 {
		return 0, false, sqlstate.New(sqlstate.InvalidParameterValue, "format specifies argument 0, but arguments are numbered from 1")
	}
	f.pos = end + 1
	return n - 1, true, nil
}

func (f *formatter) take(c byte) bool {
	if f.pos < len(f.format) && f.format[f.pos] == c {
		f.pos++
		return true
	}
	return false
}

// width reads a width: digits, or * taking it from the next (or the
// n$-th) argument.
func (f *formatter) width() (int, error) {
	if f.take('*') {
		arg, explicit, err := f.position()
		if err != nil {
			return 0, err
		}
		if !explicit {
			arg = f.next
		}
		if arg >= len(f.args) {
			return 0, sqlstate.New(sqlstate.InvalidParameterValue, "too few arguments for format()")
		}
		f.next = arg + 1
		if f.args[arg].IsNull(f.row) {
			return 0, nil
		}
		n, err := strconv.Atoi(textOf(f.args[arg], f.row))
		if err != nil {
			return 0, sqlstate.New(sqlstate.InvalidParameterValue, "width argument must be an integer")
		}
		return n, nil
	}
	start := f.pos
	for f.pos < len(f.format) && f.format[f.pos] >= '0' && f.format[f.pos] <= '9' {
		f.pos++
	}
	if start == f.pos {
		return 0, nil
	}
	return strconv.Atoi(f.format[start:f.pos])
}

// value renders argument arg for a %s, %I or %L.
func (f *formatter) value(arg int, kind byte) (string, error) {
	a := f.args[arg]
	null := a.IsNull(f.row)
	switch {
	case kind == 'I' && null:
		return "", sqlstate.New(sqlstate.NullValueNotAllowed, "null values cannot be formatted as an SQL identifier")
	case kind == 'L' && null:
		return "NULL", nil
	case null:
		return "", nil
	case kind == 'I':
		return quoteIdent(textOf(a, f.row)), nil
	case kind == 'L':
		return quoteLiteral(textOf(a, f.row)), nil
	}
	return textOf(a, f.row), nil
}

// padTo pads s with spaces to width characters, on the right when left.
func padTo(s string, width int, left bool) string {
	n := len([]rune(s))
	if n >= width {
		return s
	}
	if left {
		return s + strings.Repeat(" ", width-n)
	}
	return strings.Repeat(" ", width-n) + s
}
