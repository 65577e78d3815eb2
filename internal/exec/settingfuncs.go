package exec

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
)

// settingFunctions read the session's settings: current_setting(name)
// and current_setting(name, missing_ok), which gives NULL for a setting
// the session does not have instead of failing.
var settingFunctions = []*Overload{
	withVolatility(Stable, fn("current_setting", params(tText), returns(text), currentSetting(false))),
	withVolatility(Stable, fn("current_setting", params(tText, tBool), returns(text), currentSetting(true))),
}

func currentSetting(withMissingOK bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		names := textAt(args[0])
		return strictOrNull(stringBuilder(k), k, args, func(i int) (string, bool, error) {
			name := names.Value(i)
			if v, ok := k.setting(strings.ToLower(name)); ok {
				return v, true, nil
			}
			if withMissingOK && args[1].(*array.Boolean).Value(i) {
				return "", false, nil
			}
			return "", false, sqlstate.New(sqlstate.UndefinedObject, "unrecognized configuration parameter %q", name)
		})
	}
}
