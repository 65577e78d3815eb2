package exec

import (
	"math"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
)

// intervalSum is a sum of intervals kept as PostgreSQL's interval_pl adds
// them: months, days and microseconds each on their own.
type intervalSum struct {
	months, days int32
	micros       int64
}

// add adds one interval, failing as interval_pl fails when a field leaves
// its range.
func (s *intervalSum) add(v arrow.MonthDayNanoInterval) error {
	months := int64(s.months) + int64(v.Months)
	days := int64(s.days) + int64(v.Days)
	step := v.Nanoseconds / 1000
	micros := s.micros + step
	overflow := (step > 0 && micros < s.micros) || (step < 0 && micros > s.micros)
	if months != int64(int32(months)) || days != int64(int32(days)) || overflow {
		return intervalOutOfRange()
	}
	s.months, s.days, s.micros = int32(months), int32(days), micros
	return nil
}

func intervalOutOfRange() error {
	return sqlstate.New("22008", "interval out of range")
}

func (s intervalSum) interval() arrow.MonthDayNanoInterval {
	return arrow.MonthDayNanoInterval{Months: s.months, Days: s.days, Nanoseconds: s.micros * 1000}
}

// tsRound rounds to microseconds, as PostgreSQL's TSROUND.
func tsRound(f float64) float64 { return math.RoundToEven(f*1e6) / 1e6 }

// divide is PostgreSQL's interval_div: each field divided, the fractions
// of months carried into days (of 30) and those of days into time.
func (s intervalSum) divide(factor float64) arrow.MonthDayNanoInterval {
	months := int32(float64(s.months) / factor)
	days := int32(float64(s.days) / factor)
	monthRemainderDays := tsRound((float64(s.months)/factor - float64(months)) * 30)
	secRemainder := tsRound((float64(s.days)/factor - float64(days) + monthRemainderDays - float64(int(monthRemainderDays))) * 86400)
	if math.Abs(secRemainder) >= 86400 {
		days += int32(secRemainder / 86400)
		secRemainder -= float64(int(secRemainder/86400)) * 86400
	}
	days += int32(monthRemainderDays)
	micros := int64(math.RoundToEven(float64(s.micros)/factor + secRemainder*1e6))
	return arrow.MonthDayNanoInterval{Months: months, Days: days, Nanoseconds: micros * 1000}
}

// intervalSumAccumulator is sum or avg of intervals.
type intervalSumAccumulator struct {
	avg    bool
	sums   []intervalSum
	counts []int64
}

// Resize implements Accumulator.
func (a *intervalSumAccumulator) Resize(n int) {
	a.sums, a.counts = resized(a.sums, n), resized(a.counts, n)
}

// Update implements Accumulator.
func (a *intervalSumAccumulator) Update(groups []int32, values arrow.Array) error {
	vals := arrow.GetValues[arrow.MonthDayNanoInterval](values.Data(), 1)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		if err := a.sums[g].add(vals[r]); err != nil {
			return err
		}
		a.counts[g]++
	}
	return nil
}

// Result implements Accumulator.
func (a *intervalSumAccumulator) Result() (arrow.Array, error) {
	out := make([]arrow.MonthDayNanoInterval, len(a.sums))
	valid := make([]bool, len(a.sums))
	for g, s := range a.sums {
		if valid[g] = a.counts[g] > 0; !valid[g] {
			continue
		}
		out[g] = s.interval()
		if a.avg {
			out[g] = s.divide(float64(a.counts[g]))
		}
	}
	return fixedArray(arrow.FixedWidthTypes.MonthDayNanoInterval, out, valid), nil
}

// Size implements Accumulator.
func (a *intervalSumAccumulator) Size() int64 { return sizeOf(a.sums) + sizeOf(a.counts) }
