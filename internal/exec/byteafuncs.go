package exec

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

var (
	byteaType = arrow.BinaryTypes.Binary
	uuidType  = extensions.NewUUIDType()
)

// byteaFunctions are the functions of bytea (beside length, octet_length,
// md5 and ||, which sit with the text ones) and gen_random_uuid.
var byteaFunctions = concatLists(
	[]*Overload{
		fn("encode", params(tBytea, tText), returns(text), encodeKernel),
		fn("decode", params(tText, tText), returns(byteaType), decodeKernel),
		fn("sha224", params(tBytea), returns(byteaType), digestKernel(func(b []byte) []byte { s := sha256.Sum224(b); return s[:] })),
		fn("sha256", params(tBytea), returns(byteaType), digestKernel(func(b []byte) []byte { s := sha256.Sum256(b); return s[:] })),
		fn("sha384", params(tBytea), returns(byteaType), digestKernel(func(b []byte) []byte { s := sha512.Sum384(b); return s[:] })),
		fn("sha512", params(tBytea), returns(byteaType), digestKernel(func(b []byte) []byte { s := sha512.Sum512(b); return s[:] })),
		fn("get_byte", params(tBytea, tInt4), returns(int4), getByteKernel),
		withVolatility(Volatile, fn("gen_random_uuid", nil, returns(uuidType), genRandomUUID)),
	},
	aliases([]string{"substr", "substring"},
		fn("", params(tBytea, tInt4), returns(byteaType), byteaSubstr),
		fn("", params(tBytea, tInt4, tInt4), returns(byteaType), byteaSubstr)),
)

func bytesAt(arr arrow.Array) func(int) []byte { return arr.(*array.Binary).Value }

func binaryBuilder(k *KernelContext) *array.BinaryBuilder {
	return array.NewBinaryBuilder(k.Mem, arrow.BinaryTypes.Binary)
}

func unknownEncoding(name string) error {
	return sqlstate.New(sqlstate.InvalidParameterValue, "unrecognized encoding: %q", name)
}

// encodeKernel is encode(bytes, 'hex' | 'base64' | 'escape').
func encodeKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	data, format := bytesAt(args[0]), args[1].(*array.String)
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		switch strings.ToLower(format.Value(i)) {
		case "hex":
			return hex.EncodeToString(data(i)), nil
		case "base64":
			return wrapBase64(base64.StdEncoding.EncodeToString(data(i))), nil
		case "escape":
			return escapeBytes(data(i)), nil
		}
		return "", unknownEncoding(format.Value(i))
	})
}

// wrapBase64 breaks base64 text into lines of 76 characters, as
// PostgreSQL's encode does.
func wrapBase64(s string) string {
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\n")
		s = s[76:]
	}
	b.WriteString(s)
	return b.String()
}

// escapeBytes is bytea's escape format: a backslash doubled, a zero or
// high byte as \ooo, every other byte as it is.
func escapeBytes(data []byte) string {
	var b strings.Builder
	for _, c := range data {
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == 0 || c >= 0x80:
			fmt.Fprintf(&b, `\%03o`, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// decodeKernel is decode(text, 'hex' | 'base64' | 'escape').
func decodeKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	data, format := args[0].(*array.String), args[1].(*array.String)
	return strict(binaryBuilder(k), k, args, func(i int) ([]byte, error) {
		switch strings.ToLower(format.Value(i)) {
		case "hex":
			return types.DecodeHex(data.Value(i))
		case "base64":
			return decodeBase64(data.Value(i))
		case "escape":
			return types.ParseBytea(data.Value(i))
		}
		return nil, unknownEncoding(format.Value(i))
	})
}

// decodeBase64 reads base64 as PostgreSQL does: whitespace is skipped.
func decodeBase64(s string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(" \t\n\r", r) {
			return -1
		}
		return r
	}, s)
	for _, r := range clean {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '/' || r == '=') {
			return nil, sqlstate.New(sqlstate.InvalidParameterValue, "invalid symbol %q found while decoding base64 sequence", string(r))
		}
	}
	out, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		return nil, sqlstate.New(sqlstate.InvalidParameterValue, "invalid base64 end sequence").
			WithHint("Input data is missing padding, is truncated, or is otherwise corrupted.")
	}
	return out, nil
}

func digestKernel(sum func([]byte) []byte) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		data := bytesAt(args[0])
		return strict(binaryBuilder(k), k, args, func(i int) ([]byte, error) { return sum(data(i)), nil })
	}
}

// getByteKernel is get_byte(bytes, n), n counting from 0.
func getByteKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	data, n := bytesAt(args[0]), intAt(args[1])
	return strict(int32Builder(k), k, args, func(i int) (int32, error) {
		b := data(i)
		if at := n(i); at < 0 || at >= int64(len(b)) {
			return 0, sqlstate.New("2202E", "index %d out of valid range, 0..%d", at, len(b)-1)
		}
		return int32(b[n(i)]), nil
	})
}

// byteaSubstr is substr/substring of bytes, counted as substr of text
// counts characters.
func byteaSubstr(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	data, start := bytesAt(args[0]), intAt(args[1])
	return strict(binaryBuilder(k), k, args, func(i int) ([]byte, error) {
		b := data(i)
		from, end := start(i), int64(len(b))+1
		if len(args) == 3 {
			count := intAt(args[2])(i)
			if count < 0 {
				return nil, sqlstate.New(sqlstate.SubstringError, "negative substring length not allowed")
			}
			end = min(end, from+count)
		}
		from = max(from, 1)
		if end <= from {
			return []byte{}, nil
		}
		return b[from-1 : end-1], nil
	})
}

// genRandomUUID is gen_random_uuid(): a version 4 uuid for every row.
func genRandomUUID(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
	b := extensions.NewUUIDBuilder(k.Mem)
	defer b.Release()
	for i := 0; i < k.Rows; i++ {
		var u [16]byte
		if _, err := rand.Read(u[:]); err != nil {
			return nil, err
		}
		u[6] = u[6]&0x0f | 0x40
		u[8] = u[8]&0x3f | 0x80
		b.Append(u)
	}
	return b.NewArray(), nil
}
