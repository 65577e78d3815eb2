package types

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
)

// CharType is what a character type adds to the Arrow strings that hold
// its values: which PostgreSQL type it is (character varying or
// character, bpchar) and the length a cast cuts values to (0: none).
// Values of character(n) are held without their trailing blanks, which
// PostgreSQL ignores when it compares, measures or concatenates them, and
// are padded to n only when sent to the client.
type CharType struct {
	OID    uint32
	Length int
}

// CharTypeOf is the character type a cast names ("character varying",
// "character" with its length), ok false for any other type. A
// character without a length is character(1) when written char or
// character, and unlimited when written bpchar (the parser gives it no
// length then).
func CharTypeOf(name string, typmods []int) (CharType, bool) {
	var c CharType
	switch strings.ToLower(name) {
	case "character varying", "varchar":
		c.OID = OIDVarchar
	case "character", "char", "bpchar":
		c.OID = OIDBpchar
	default:
		return c, false
	}
	if len(typmods) > 0 {
		c.Length = typmods[0]
	}
	return c, true
}

// Apply is an explicit cast of a text to the type: cut to the length in
// characters, and for character without its trailing blanks.
func (c CharType) Apply(s string) string {
	if c.Length > 0 && utf8.RuneCountInString(s) > c.Length {
		cut := 0
		for i := 0; i < c.Length; i++ {
			_, size := utf8.DecodeRuneInString(s[cut:])
			cut += size
		}
		s = s[:cut]
	}
	if c.OID == OIDBpchar {
		s = strings.TrimRight(s, " ")
	}
	return s
}

// Typmod is the type modifier PostgreSQL reports for the type: the length
// plus 4, or -1 without a length.
func (c CharType) Typmod() int32 {
	if c.Length == 0 {
		return -1
	}
	return int32(c.Length) + 4
}

// Typname is the type's pg_type.typname ("varchar", "bpchar"), the name a
// cast to it gives its column.
func (c CharType) Typname() string {
	for _, e := range table {
		if e.oid == c.OID {
			return e.typname
		}
	}
	return "text"
}

// charLengthKey is the field metadata key of a character column's length.
const charLengthKey = "auger.char_length"

// WithCharType returns f marked as holding values of the character type c.
func WithCharType(f arrow.Field, c CharType) arrow.Field {
	f.Metadata = arrow.NewMetadata([]string{postgresOIDKey, charLengthKey},
		[]string{strconv.FormatUint(uint64(c.OID), 10), strconv.Itoa(c.Length)})
	return f
}

// FieldTypmod is the type modifier a result column is reported with:
// its character type's, -1 for other columns.
func FieldTypmod(f arrow.Field) int32 {
	return fieldCharType(f).Typmod()
}

// BlankPadding is, per column of a result, the width its values are
// padded to with blanks when sent (character(n) columns), 0 for others.
func BlankPadding(schema *arrow.Schema) []int {
	out := make([]int, schema.NumFields())
	for i, f := range schema.Fields() {
		if c := fieldCharType(f); c.OID == OIDBpchar {
			out[i] = c.Length
		}
	}
	return out
}

func fieldCharType(f arrow.Field) CharType {
	v, ok := f.Metadata.GetValue(charLengthKey)
	if !ok {
		return CharType{}
	}
	n, _ := strconv.Atoi(v)
	return CharType{OID: FieldOID(f), Length: n}
}

// PadBlanks pads s with blanks to width characters.
func PadBlanks(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}
