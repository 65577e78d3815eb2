package parquet

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/extensions"

	"auger/internal/catalog"
	"auger/internal/types"
)

// A view's fields carry Drill's type names as types.DrillName gives them
// (CHARACTER VARYING, DECIMAL(10, 2)); its file carries them as Drill
// writes them, Calcite's names (VARCHAR, DECIMAL with precision and
// scale). Names both spell alike (INTEGER, DATE, INTERVAL, UUID, JSON,
// ARRAY, ...) are kept as they are.
var (
	calciteNames = map[string]string{
		"CHARACTER VARYING":        "VARCHAR",
		"CHARACTER":                "CHAR",
		"BINARY VARYING":           "VARBINARY",
		"TIMESTAMP WITH TIME ZONE": "TIMESTAMP_WITH_LOCAL_TIME_ZONE",
	}
	drillNames = func() map[string]string {
		m := map[string]string{}
		for drill, calcite := range calciteNames {
			m[calcite] = drill
		}
		return m
	}()
)

// drillFileType is a field type as a view file stores it.
func drillFileType(name string) (typ string, precision, scale *int32) {
	var p, s int32
	if n, _ := fmt.Sscanf(name, "DECIMAL(%d, %d)", &p, &s); n == 2 {
		return "DECIMAL", &p, &s
	}
	if calcite, ok := calciteNames[name]; ok {
		return calcite, nil, nil
	}
	return name, nil, nil
}

// viewTypeName is a view file's field type as types.DrillName spells it.
func viewTypeName(f viewFileField) string {
	typ := strings.ToUpper(f.Type)
	if typ == "DECIMAL" && f.Precision != nil {
		scale := int32(0)
		if f.Scale != nil {
			scale = *f.Scale
		}
		return fmt.Sprintf("DECIMAL(%d, %d)", *f.Precision, scale)
	}
	if drill, ok := drillNames[typ]; ok {
		return drill
	}
	return typ
}

// viewSchema is the Arrow schema of a view's stored fields.
func viewSchema(fields []catalog.ViewField) *arrow.Schema {
	out := make([]arrow.Field, len(fields))
	for i, f := range fields {
		out[i] = arrow.Field{Name: f.Name, Type: arrowOfDrillName(f.Type), Nullable: f.IsNullable}
	}
	return arrow.NewSchema(out, nil)
}

// arrowOfDrillName reverses types.DrillName (and reads Calcite's names
// that Drill's own view files hold); a type it does not know is text.
func arrowOfDrillName(name string) arrow.DataType {
	var p, s int32
	if n, _ := fmt.Sscanf(name, "DECIMAL(%d, %d)", &p, &s); n == 2 {
		if p <= 38 {
			return &arrow.Decimal128Type{Precision: p, Scale: s}
		}
		return &arrow.Decimal256Type{Precision: p, Scale: s}
	}
	if strings.HasPrefix(name, "INTERVAL") {
		return arrow.FixedWidthTypes.MonthDayNanoInterval
	}
	switch name {
	case "BOOLEAN":
		return arrow.FixedWidthTypes.Boolean
	case "TINYINT", "SMALLINT":
		return arrow.PrimitiveTypes.Int16
	case "INTEGER", "INT":
		return arrow.PrimitiveTypes.Int32
	case "BIGINT":
		return arrow.PrimitiveTypes.Int64
	case "FLOAT", "REAL":
		return arrow.PrimitiveTypes.Float32
	case "DOUBLE":
		return arrow.PrimitiveTypes.Float64
	case "DECIMAL":
		return types.Numeric
	case "BINARY VARYING", "VARBINARY", "BINARY":
		return arrow.BinaryTypes.Binary
	case "DATE":
		return arrow.FixedWidthTypes.Date32
	case "TIME":
		return arrow.FixedWidthTypes.Time64us
	case "TIMESTAMP":
		return &arrow.TimestampType{Unit: arrow.Microsecond}
	case "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_WITH_LOCAL_TIME_ZONE":
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	case "UUID":
		return extensions.NewUUIDType()
	case "JSON":
		return types.JSON
	}
	return arrow.BinaryTypes.String
}
