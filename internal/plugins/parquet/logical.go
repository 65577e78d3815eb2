package parquet

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/apache/arrow-go/v18/parquet/schema"

	"auger/internal/types"
)

// logicalSchema is the schema a file's columns are served with: pqarrow's
// reading of the Parquet types, except that a column the file's stored
// Arrow schema gives an extension type of the same storage (jsonb, numeric)
// keeps that type, and a column of Parquet's JSON logical type is json.
// pqarrow reads both as plain text or bytes. An interval column written
// by Auger (see parquetSchema) is an interval again.
func logicalSchema(pf *file.Reader, fr *pqarrow.FileReader, read *arrow.Schema) *arrow.Schema {
	fields := read.Fields()
	for i := range fields {
		if ext := extensionFor(pf, fr.Manifest, i); ext != nil {
			fields[i].Type = ext
		}
		if isWrittenInterval(fields[i]) {
			fields[i].Type = arrow.FixedWidthTypes.MonthDayNanoInterval
			fields[i].Metadata = arrow.Metadata{}
		}
	}
	md := read.Metadata()
	return arrow.NewSchema(fields, &md)
}

// extensionFor is the extension type top-level field i is read as, or nil
// when pqarrow's type stands.
func extensionFor(pf *file.Reader, manifest *pqarrow.SchemaManifest, i int) arrow.ExtensionType {
	field := manifest.Fields[i]
	read := field.Field.Type
	if read.ID() == arrow.EXTENSION {
		return nil
	}
	if origin := manifest.OriginSchema; origin != nil && i < origin.NumFields() {
		if ext, ok := origin.Field(i).Type.(arrow.ExtensionType); ok && sameLayout(ext.StorageType(), read) {
			return ext
		}
	}
	if !field.IsLeaf() || read.ID() != arrow.BINARY {
		return nil
	}
	if _, ok := pf.MetaData().Schema.Column(field.ColIndex).LogicalType().(schema.JSONLogicalType); ok {
		return types.JSON
	}
	return nil
}

// isWrittenInterval tells whether a field read by pqarrow is an interval
// column Auger wrote as 16-byte values.
func isWrittenInterval(f arrow.Field) bool {
	fsb, ok := f.Type.(*arrow.FixedSizeBinaryType)
	return ok && fsb.ByteWidth == arrow.MonthDayNanoIntervalSizeBytes && f.Metadata.FindKey(intervalMetadataKey) >= 0
}

// sameLayout tells whether values of one type may be read as values of the
// other: the same type, or text and bytes (one layout of offsets and data).
func sameLayout(a, b arrow.DataType) bool {
	binaryLike := func(dt arrow.DataType) bool { return dt.ID() == arrow.STRING || dt.ID() == arrow.BINARY }
	return arrow.TypeEqual(a, b) || (binaryLike(a) && binaryLike(b))
}

// asLogical gives a column read by pqarrow the type of the served schema,
// sharing its buffers. The caller releases the result.
func asLogical(col arrow.Array, dt arrow.DataType) arrow.Array {
	if dt.ID() == arrow.INTERVAL_MONTH_DAY_NANO {
		return reinterpret(col, dt)
	}
	ext, ok := dt.(arrow.ExtensionType)
	if !ok || col.DataType().ID() == arrow.EXTENSION {
		col.Retain()
		return col
	}
	data := col.Data()
	asStorage := array.NewData(ext.StorageType(), data.Len(), data.Buffers(), data.Children(), data.NullN(), data.Offset())
	defer asStorage.Release()
	storage := array.MakeFromData(asStorage)
	defer storage.Release()
	return array.NewExtensionArrayWithStorage(ext, storage)
}
