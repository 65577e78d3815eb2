package exec

import (
	"crypto/md5"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
)

var (
	text  = arrow.BinaryTypes.String
	int4  = arrow.PrimitiveTypes.Int32
	bool_ = arrow.FixedWidthTypes.Boolean
)

// textFunctions are PostgreSQL's string functions, text in and out. Text
// is compared and cased as in the "C" locale: only ASCII letters change
// case.
var textFunctions = concatLists(
	[]*Overload{
		fn("lower", params(tText), returns(text), mapText(asciiLower)),
		fn("upper", params(tText), returns(text), mapText(asciiUpper)),
		fn("initcap", params(tText), returns(text), mapText(initcap)),
		fn("reverse", params(tText), returns(text), mapText(reverseText)),
		fn("md5", params(tText), returns(text), mapText(md5Hex)),
		fn("md5", params(tBytea), returns(text), md5Bytes),
		fn("length", params(tText), returns(int4), textLength(utf8.RuneCountInString)),
		fn("length", params(tBytea), returns(int4), byteLength(1)),
		fn("octet_length", params(tText), returns(int4), textLength(func(s string) int { return len(s) })),
		fn("octet_length", params(tBytea), returns(int4), byteLength(1)),
		fn("bit_length", params(tText), returns(int4), textLength(func(s string) int { return 8 * len(s) })),
		fn("bit_length", params(tBytea), returns(int4), byteLength(8)),
		fn("ascii", params(tText), returns(int4), textLength(firstCodePoint)),
		fn("chr", params(tInt4), returns(text), chrKernel),
		fn("btrim", params(tText), returns(text), trimKernel(true, true)),
		fn("btrim", params(tText, tText), returns(text), trimKernel(true, true)),
		fn("ltrim", params(tText), returns(text), trimKernel(true, false)),
		fn("ltrim", params(tText, tText), returns(text), trimKernel(true, false)),
		fn("rtrim", params(tText), returns(text), trimKernel(false, true)),
		fn("rtrim", params(tText, tText), returns(text), trimKernel(false, true)),
		fn("replace", params(tText, tText, tText), returns(text), replaceKernel),
		fn("translate", params(tText, tText, tText), returns(text), translateKernel),
		fn("strpos", params(tText, tText), returns(int4), strposKernel),
		fn("position", params(tText, tText), returns(int4), strposKernel),
		fn("starts_with", params(tText, tText), returns(bool_), startsWithKernel),
		fn("left", params(tText, tInt4), returns(text), textAndInt(leftChars)),
		fn("right", params(tText, tInt4), returns(text), textAndInt(rightChars)),
		fn("repeat", params(tText, tInt4), returns(text), repeatKernel),
		fn("lpad", params(tText, tInt4), returns(text), padKernel(true)),
		fn("lpad", params(tText, tInt4, tText), returns(text), padKernel(true)),
		fn("rpad", params(tText, tInt4), returns(text), padKernel(false)),
		fn("rpad", params(tText, tInt4, tText), returns(text), padKernel(false)),
		fn("split_part", params(tText, tText, tInt4), returns(text), splitPartKernel),
		fn("overlay", params(tText, tText, tInt4), returns(text), overlayKernel),
		fn("overlay", params(tText, tText, tInt4, tInt4), returns(text), overlayKernel),
		fn("to_hex", params(tInt4), returns(text), toHexKernel(32)),
		fn("to_hex", params(tInt8), returns(text), toHexKernel(64)),
	},
	aliases([]string{"substr", "substring"},
		fn("", params(tText, tInt4), returns(text), substrKernel),
		fn("", params(tText, tInt4, tInt4), returns(text), substrKernel)),
	aliases([]string{"char_length", "character_length"},
		fn("", params(tText), returns(int4), textLength(utf8.RuneCountInString))),
	quotingFunctions,
	regexFunctions,
	regexArrayFunctions,
)

// concatLists joins lists of overloads.
func concatLists(lists ...[]*Overload) []*Overload {
	var out []*Overload
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// mapText is the kernel of a function of one text argument.
func mapText(f func(string) string) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		in := textAt(args[0])
		return strict(stringBuilder(k), k, args, func(i int) (string, error) { return f(in.Value(i)), nil })
	}
}

// textLength is the kernel of an integer measure of a text.
func textLength(f func(string) int) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		in := textAt(args[0])
		return strict(int32Builder(k), k, args, func(i int) (int32, error) { return int32(f(in.Value(i))), nil })
	}
}

// byteLength is length, octet_length (unit 1) and bit_length (unit 8) of
// a bytea.
func byteLength(unit int) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		in := args[0].(*array.Binary)
		return strict(int32Builder(k), k, args, func(i int) (int32, error) { return int32(unit * len(in.Value(i))), nil })
	}
}

func asciiLower(s string) string { return mapASCII(s, 'A', 'Z', 'a'-'A') }
func asciiUpper(s string) string { return mapASCII(s, 'a', 'z', 'A'-'a') }

func mapASCII(s string, from, to byte, shift int) string {
	b := []byte(s)
	for i, c := range b {
		if c >= from && c <= to {
			b[i] = byte(int(c) + shift)
		}
	}
	return string(b)
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// initcap upper-cases the first letter of each word and lower-cases the
// rest; a word is a run of ASCII letters and digits, as in the "C" locale.
func initcap(s string) string {
	b := []byte(s)
	after := false
	for i, c := range b {
		switch {
		case after && c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case !after && c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		}
		after = isASCIIAlnum(b[i])
	}
	return string(b)
}

func reverseText(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func md5Bytes(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	in := args[0].(*array.Binary)
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		sum := md5.Sum(in.Value(i))
		return hex.EncodeToString(sum[:]), nil
	})
}

// firstCodePoint is ascii(): the code of the first character, 0 for ”.
func firstCodePoint(s string) int {
	r, _ := utf8.DecodeRuneInString(s)
	if s == "" {
		return 0
	}
	return int(r)
}

func chrKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	codes := args[0].(*array.Int32)
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		c := codes.Value(i)
		switch {
		case c < 0:
			return "", sqlstate.New(sqlstate.InvalidParameterValue, "character number must be positive")
		case c == 0:
			return "", sqlstate.New(sqlstate.ProgramLimitExceeded, "null character not permitted")
		case c > utf8.MaxRune:
			return "", sqlstate.New(sqlstate.ProgramLimitExceeded, "requested character too large for encoding: %d", c)
		case !utf8.ValidRune(rune(c)):
			return "", sqlstate.New(sqlstate.ProgramLimitExceeded, "requested character not valid for encoding: %d", c)
		}
		return string(rune(c)), nil
	})
}

// trimKernel removes the characters of the second argument (spaces when
// absent) from the chosen ends.
func trimKernel(left, right bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		s := textAt(args[0])
		return strict(stringBuilder(k), k, args, func(i int) (string, error) {
			v, set := s.Value(i), " "
			if len(args) > 1 {
				set = textAt(args[1]).Value(i)
			}
			if left {
				v = strings.TrimLeft(v, set)
			}
			if right {
				v = strings.TrimRight(v, set)
			}
			return v, nil
		})
	}
}

func replaceKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, from, to := textAt(args[0]), textAt(args[1]), textAt(args[2])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		if from.Value(i) == "" {
			return s.Value(i), nil
		}
		return strings.ReplaceAll(s.Value(i), from.Value(i), to.Value(i)), nil
	})
}

// translateKernel replaces each character of from by the character at the
// same place in to, or drops it when to is shorter.
func translateKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, from, to := textAt(args[0]), textAt(args[1]), textAt(args[2])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		src, dst := []rune(from.Value(i)), []rune(to.Value(i))
		var b strings.Builder
		for _, r := range s.Value(i) {
			at := indexRune(src, r)
			switch {
			case at < 0:
				b.WriteRune(r)
			case at < len(dst):
				b.WriteRune(dst[at])
			}
		}
		return b.String(), nil
	})
}

func indexRune(rs []rune, r rune) int {
	for i, x := range rs {
		if x == r {
			return i
		}
	}
	return -1
}

// strposKernel is the 1-based character position of the second argument
// in the first, 0 when absent.
func strposKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, sub := textAt(args[0]), textAt(args[1])
	return strict(int32Builder(k), k, args, func(i int) (int32, error) {
		at := strings.Index(s.Value(i), sub.Value(i))
		if at < 0 {
			return 0, nil
		}
		return int32(utf8.RuneCountInString(s.Value(i)[:at]) + 1), nil
	})
}

func startsWithKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, prefix := textAt(args[0]), textAt(args[1])
	return strict(boolBuilder(k), k, args, func(i int) (bool, error) {
		return strings.HasPrefix(s.Value(i), prefix.Value(i)), nil
	})
}

// textAndInt is the kernel of a function of a text and an integer.
func textAndInt(f func(string, int64) string) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		s, n := textAt(args[0]), intAt(args[1])
		return strict(stringBuilder(k), k, args, func(i int) (string, error) { return f(s.Value(i), n(i)), nil })
	}
}

// leftChars is left(s, n): the first n characters, or all but the last -n.
func leftChars(s string, n int64) string {
	runes := []rune(s)
	if n < 0 {
		n = max(int64(len(runes))+n, 0)
	}
	return string(runes[:min(n, int64(len(runes)))])
}

// rightChars is right(s, n): the last n characters, or all but the first -n.
func rightChars(s string, n int64) string {
	runes := []rune(s)
	if n < 0 {
		n = max(int64(len(runes))+n, 0)
	}
	n = min(n, int64(len(runes)))
	return string(runes[int64(len(runes))-n:])
}

// maxTextBytes is the longest text PostgreSQL builds (1 GB less its header).
const maxTextBytes = 1<<30 - 1 - 4

func tooLong() error {
	return sqlstate.New(sqlstate.ProgramLimitExceeded, "requested length too large")
}

func repeatKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, n := textAt(args[0]), intAt(args[1])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		count := max(n(i), 0)
		if count > 0 && int64(len(s.Value(i)))*count > maxTextBytes {
			return "", tooLong()
		}
		return strings.Repeat(s.Value(i), int(count)), nil
	})
}

// padKernel is lpad (left) and rpad: the text filled to a length in
// characters with the fill (a space when absent), or cut to it.
func padKernel(left bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		s, n := textAt(args[0]), intAt(args[1])
		return strict(stringBuilder(k), k, args, func(i int) (string, error) {
			fill := " "
			if len(args) > 2 {
				fill = textAt(args[2]).Value(i)
			}
			return pad(s.Value(i), n(i), fill, left)
		})
	}
}

func pad(s string, length int64, fill string, left bool) (string, error) {
	runes := []rune(s)
	if length <= 0 {
		return "", nil
	}
	if length*4 > maxTextBytes {
		return "", tooLong()
	}
	if int64(len(runes)) >= length || fill == "" {
		return string(runes[:min(int64(len(runes)), length)]), nil
	}
	filler := []rune(fill)
	padding := make([]rune, length-int64(len(runes)))
	for i := range padding {
		padding[i] = filler[i%len(filler)]
	}
	if left {
		return string(padding) + s, nil
	}
	return s + string(padding), nil
}

// splitPartKernel is split_part: the field'th field (counting from the end
// when negative) of the text split at the delimiter.
func splitPartKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, delim, field := textAt(args[0]), textAt(args[1]), intAt(args[2])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		n := field(i)
		if n == 0 {
			return "", sqlstate.New(sqlstate.InvalidParameterValue, "field position must not be zero")
		}
		parts := []string{s.Value(i)}
		if delim.Value(i) != "" {
			parts = strings.Split(s.Value(i), delim.Value(i))
		}
		if n < 0 {
			n += int64(len(parts)) + 1
		}
		if n < 1 || n > int64(len(parts)) {
			return "", nil
		}
		return parts[n-1], nil
	})
}

// substrKernel is substr(s, start [, count]) in characters: the characters
// from start, counting positions before 1, for count of them.
func substrKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, start := textAt(args[0]), intAt(args[1])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		if len(args) == 2 {
			return substring(s.Value(i), start(i), -1, false)
		}
		return substring(s.Value(i), start(i), intAt(args[2])(i), true)
	})
}

func substring(s string, start, count int64, counted bool) (string, error) {
	if counted && count < 0 {
		return "", sqlstate.New(sqlstate.SubstringError, "negative substring length not allowed")
	}
	runes := []rune(s)
	end := int64(len(runes)) + 1
	if counted && start+count < end {
		end = start + count
	}
	start = max(start, 1)
	if end <= start {
		return "", nil
	}
	return string(runes[start-1 : end-1]), nil
}

// overlayKernel is overlay(s placing p from start [for count]): s with
// count characters (p's length when absent) from start replaced by p.
func overlayKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, placing, start := textAt(args[0]), textAt(args[1]), intAt(args[2])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		count := int64(utf8.RuneCountInString(placing.Value(i)))
		if len(args) > 3 {
			count = intAt(args[3])(i)
		}
		head, err := substring(s.Value(i), 1, start(i)-1, true)
		if err != nil {
			return "", err
		}
		tail, _ := substring(s.Value(i), start(i)+count, -1, false)
		return head + placing.Value(i) + tail, nil
	})
}

// toHexKernel renders an integer in hexadecimal, negative ones as their
// two's complement of the type's width.
func toHexKernel(bits int) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		n := intAt(args[0])
		return strict(stringBuilder(k), k, args, func(i int) (string, error) {
			v := uint64(n(i))
			if bits == 32 {
				v = uint64(uint32(n(i)))
			}
			return strconv.FormatUint(v, 16), nil
		})
	}
}
