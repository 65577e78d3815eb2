package catalog

import (
	"reflect"
	"testing"
)

func TestRemoteStatementExplain(t *testing.T) {
	cases := []struct {
		st   RemoteStatement
		want []string
	}{
		{RemoteStatement{Text: "SELECT 1"}, []string{"Remote SQL: SELECT 1"}},
		{RemoteStatement{Text: "SELECT $1, $2, $3, $4", Args: []any{int64(5), "O'Brien", nil, []byte{1, 0xab}}},
			[]string{"Remote SQL: SELECT $1, $2, $3, $4", `Parameters: $1=5, $2='O''Brien', $3=NULL, $4='\x01ab'`}},
	}
	for _, c := range cases {
		if got := c.st.Explain(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %q, want %q", c.st.Text, got, c.want)
		}
	}
}
