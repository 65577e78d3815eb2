package types

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/sqlstate"
)

// literalMemory holds the values of array literals: they live as long as
// the plan that holds them, so the garbage collector frees them.
var literalMemory = memory.NewGoAllocator()

// ParseArray reads an array literal ('{1,2,NULL}', '{{1,2},{3,4}}',
// '{"a b",c}') as PostgreSQL's array_in does, into an array of elem with
// as many dimensions as the literal has (an empty literal has dims,
// at least one). Errors are PostgreSQL's: 22P02 "malformed array literal"
// for bad syntax, the element type's own for a bad element.
func ParseArray(elem arrow.DataType, text string, dims int) (scalar.Scalar, error) {
	parsed, err := readArrayText(text)
	if err != nil {
		return nil, err
	}
	depth := len(parsed.dims)
	if depth == 0 {
		depth = max(dims, 1)
	}
	values, err := parseElements(elem, parsed.elements)
	if err != nil {
		return nil, err
	}
	return ArrayScalar(values, parsed.dims, depth), nil
}

// ArrayScalar makes the scalar of one array: values are its elements in
// row-major order, dims the length of each dimension (none for an empty
// array, which then has depth dimensions in its type).
func ArrayScalar(values arrow.Array, dims []int, depth int) scalar.Scalar {
	if len(dims) > 0 {
		depth = len(dims)
	}
	inner := values
	inner.Retain()
	for level := depth - 1; level >= 1; level-- {
		width := 0
		if len(dims) > 0 {
			width = dims[level]
		}
		next := groupInto(inner, width)
		inner.Release()
		inner = next
	}
	return scalar.NewListScalar(inner)
}

// groupInto splits values into lists of width elements each.
func groupInto(values arrow.Array, width int) arrow.Array {
	n := 0
	if width > 0 {
		n = values.Len() / width
	}
	offsets := make([]int32, n+1)
	for i := range offsets {
		offsets[i] = int32(i * width)
	}
	buf := memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(offsets))
	data := array.NewData(ArrayOf(values.DataType()), n, []*memory.Buffer{nil, buf}, []arrow.ArrayData{values.Data()}, 0, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// parseElements reads each element's text with the element type's input.
func parseElements(elem arrow.DataType, texts []*string) (arrow.Array, error) {
	parts := make([]arrow.Array, 0, len(texts))
	defer func() {
		for _, p := range parts {
			p.Release()
		}
	}()
	for _, t := range texts {
		s := scalar.MakeNullScalar(elem)
		if t != nil {
			v, err := ParseLiteral(elem, *t)
			if err != nil {
				return nil, err
			}
			s = v
		}
		arr, err := ScalarArray(s, 1, literalMemory)
		if err != nil {
			return nil, err
		}
		parts = append(parts, arr)
	}
	if len(parts) == 0 {
		return array.MakeArrayOfNull(literalMemory, elem, 0), nil
	}
	return array.Concatenate(parts, literalMemory)
}

// arrayText is an array literal read into its shape and element texts.
type arrayText struct {
	dims     []int     // the length of each dimension; none when empty
	elements []*string // row-major; nil for NULL
}

// arrayReader reads one array literal.
type arrayReader struct {
	text string
	pos  int
	out  arrayText
	// lengths[level] is the length every sub-array at that level has, -1
	// until the first one ends.
	lengths []int
	depth   int // the nesting of elements, once the first one is seen
}

func readArrayText(text string) (arrayText, error) {
	r := &arrayReader{text: text}
	r.skipSpace()
	bounds, err := r.readBounds()
	if err != nil {
		return arrayText{}, err
	}
	if r.peek() != '{' {
		return arrayText{}, r.malformed(`Array value must start with "{" or dimension information.`)
	}
	if err := r.readLevel(0); err != nil {
		return arrayText{}, err
	}
	r.skipSpace()
	if r.pos < len(r.text) {
		return arrayText{}, r.malformed("Junk after closing right brace.")
	}
	if len(r.out.elements) > 0 {
		r.out.dims = r.lengths
	}
	if bounds != nil && !equalInts(bounds, r.out.dims) {
		return arrayText{}, r.malformed("Specified array dimensions do not match array contents.")
	}
	return r.out, nil
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (r *arrayReader) malformed(detail string) error {
	return &sqlstate.Error{Code: sqlstate.InvalidTextRepresentation,
		Message: `malformed array literal: "` + r.text + `"`, Detail: detail}
}

func (r *arrayReader) peek() byte {
	if r.pos >= len(r.text) {
		return 0
	}
	return r.text[r.pos]
}

func (r *arrayReader) skipSpace() {
	for r.pos < len(r.text) && isArraySpace(r.text[r.pos]) {
		r.pos++
	}
}

// readBounds reads an optional dimension decoration, [1:3][1:2]=, and
// returns the lengths it gives. Lower bounds other than 1 are not
// supported.
func (r *arrayReader) readBounds() ([]int, error) {
	var lengths []int
	for r.peek() == '[' {
		end := strings.IndexByte(r.text[r.pos:], ']')
		if end < 0 {
			return nil, r.malformed(`Missing "]" after array dimensions.`)
		}
		part := r.text[r.pos+1 : r.pos+end]
		r.pos += end + 1
		lower, upper := "1", part
		if i := strings.IndexByte(part, ':'); i >= 0 {
			lower, upper = part[:i], part[i+1:]
		}
		lb, err1 := strconv.Atoi(strings.TrimSpace(lower))
		ub, err2 := strconv.Atoi(strings.TrimSpace(upper))
		if err1 != nil || err2 != nil {
			return nil, r.malformed(`"[" must introduce explicitly-specified array dimensions.`)
		}
		if ub < lb {
			return nil, &sqlstate.Error{Code: sqlstate.ArraySubscriptError, Message: "upper bound cannot be less than lower bound"}
		}
		if lb != 1 {
			return nil, sqlstate.New(sqlstate.FeatureNotSupported, "arrays with lower bounds other than 1 are not supported")
		}
		lengths = append(lengths, ub-lb+1)
		r.skipSpace()
	}
	if lengths == nil {
		return nil, nil
	}
	if r.peek() != '=' {
		return nil, r.malformed(`Missing "=" after array dimensions.`)
	}
	r.pos++
	r.skipSpace()
	return lengths, nil
}

// readLevel reads one brace-delimited level, starting at its "{".
func (r *arrayReader) readLevel(level int) error {
	r.pos++
	if level >= len(r.lengths) {
		r.lengths = append(r.lengths, -1)
	}
	r.skipSpace()
	count := 0
	if r.peek() == '}' {
		if level > 0 || r.depth > 0 {
			return r.malformed(`Unexpected "}" character.`)
		}
		r.pos++
		r.lengths = nil
		return nil
	}
	for {
		r.skipSpace()
		if err := r.readItem(level); err != nil {
			return err
		}
		count++
		r.skipSpace()
		switch r.peek() {
		case ',':
			r.pos++
		case '}':
			r.pos++
			return r.closeLevel(level, count)
		case 0:
			return r.malformed("Unexpected end of input.")
		default:
			return r.malformed(unexpected(r.peek()))
		}
	}
}

// closeLevel checks that a sub-array has the length of its siblings.
func (r *arrayReader) closeLevel(level, count int) error {
	if r.lengths[level] >= 0 && r.lengths[level] != count {
		return r.malformed("Multidimensional arrays must have sub-arrays with matching dimensions.")
	}
	r.lengths[level] = count
	return nil
}

// readItem reads a sub-array or an element at a level, which must be the
// same kind of item as every other at that level.
func (r *arrayReader) readItem(level int) error {
	if r.peek() == '{' {
		if r.depth > 0 && level+1 >= r.depth {
			return r.malformed(`Unexpected "{" character.`)
		}
		return r.readLevel(level + 1)
	}
	if r.depth == 0 {
		r.depth = level + 1
		r.lengths = r.lengths[:level+1]
	}
	if level+1 != r.depth {
		return r.malformed("Unexpected array element.")
	}
	elem, err := r.readElement()
	if err != nil {
		return err
	}
	r.out.elements = append(r.out.elements, elem)
	return nil
}

// readElement reads one element, quoted or not; an unquoted NULL is a
// NULL element.
func (r *arrayReader) readElement() (*string, error) {
	var b strings.Builder
	quoted, escaped := false, false
	keep := 0 // the length of b up to its last character not to trim
	if r.peek() == '"' {
		quoted = true
		r.pos++
	}
	for {
		if r.pos >= len(r.text) {
			return nil, r.malformed("Unexpected end of input.")
		}
		c := r.text[r.pos]
		switch {
		case c == '\\':
			r.pos++
			if r.pos >= len(r.text) {
				return nil, r.malformed("Unexpected end of input.")
			}
			b.WriteByte(r.text[r.pos])
			escaped, keep = true, b.Len()
		case quoted && c == '"':
			r.pos++
			s := b.String()
			return &s, nil
		case quoted:
			b.WriteByte(c)
			keep = b.Len()
		case c == ',' || c == '}':
			return r.unquoted(b.String()[:keep], escaped)
		case c == '{' || c == '"':
			return nil, r.malformed(unexpected(c))
		default:
			b.WriteByte(c)
			if !isArraySpace(c) {
				keep = b.Len()
			}
		}
		r.pos++
	}
}

// unexpected is array_in's detail for a character out of place.
func unexpected(c byte) string {
	return `Unexpected "` + string(c) + `" character.`
}

func (r *arrayReader) unquoted(s string, escaped bool) (*string, error) {
	if s == "" && !escaped {
		return nil, r.malformed(unexpected(r.peek()))
	}
	if !escaped && strings.EqualFold(s, "NULL") {
		return nil, nil
	}
	return &s, nil
}

// parseArrayOf reads an array literal as a value of the array type dt,
// which must have as many dimensions as the literal.
func parseArrayOf(dt arrow.DataType, text string) (scalar.Scalar, error) {
	elem, dims := ArrayElement(dt)
	s, err := ParseArray(elem, text, dims)
	if err != nil {
		return nil, err
	}
	if _, got := ArrayElement(s.DataType()); got != dims {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported,
			"a %d-dimensional array where a %d-dimensional one is expected is not supported", got, dims)
	}
	return s, nil
}

// ScalarArray repeats a scalar into an array of n values, extension types
// (uuid, numeric, json) included, which arrow-go's MakeArrayFromScalar
// does not take.
func ScalarArray(s scalar.Scalar, n int, mem memory.Allocator) (arrow.Array, error) {
	ext, ok := s.(*scalar.Extension)
	if !ok {
		return scalar.MakeArrayFromScalar(s, n, mem)
	}
	typ := ext.Type.(arrow.ExtensionType)
	if !ext.Valid {
		return array.MakeArrayOfNull(mem, typ, n), nil
	}
	storage, err := scalar.MakeArrayFromScalar(ext.Value, n, mem)
	if err != nil {
		return nil, err
	}
	defer storage.Release()
	return array.NewExtensionArrayWithStorage(typ, storage), nil
}

// castArrayScalar converts an array constant to another array type,
// element by element, or to text, its text form.
func castArrayScalar(s *scalar.List, dt arrow.DataType) (scalar.Scalar, error) {
	if dt.ID() == arrow.STRING {
		arr, err := scalar.MakeArrayFromScalar(s, 1, literalMemory)
		if err != nil {
			return nil, err
		}
		return scalar.NewStringScalar(FormatText(arr, 0, time.UTC)), nil
	}
	if !IsArray(dt) {
		return nil, fmt.Errorf("cannot cast %s to %s", s.DataType(), dt)
	}
	elem := dt.(*arrow.ListType).Elem()
	parts := make([]arrow.Array, 0, s.Value.Len())
	defer func() {
		for _, p := range parts {
			p.Release()
		}
	}()
	for i := 0; i < s.Value.Len(); i++ {
		v, err := scalar.GetScalar(s.Value, i)
		if err != nil {
			return nil, err
		}
		c, err := CastScalar(v, elem)
		if err != nil {
			return nil, err
		}
		arr, err := ScalarArray(c, 1, literalMemory)
		if err != nil {
			return nil, err
		}
		parts = append(parts, arr)
	}
	if len(parts) == 0 {
		return scalar.NewListScalar(array.MakeArrayOfNull(literalMemory, elem, 0)), nil
	}
	values, err := array.Concatenate(parts, literalMemory)
	if err != nil {
		return nil, err
	}
	return scalar.NewListScalar(values), nil
}
