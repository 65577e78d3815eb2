package s3

import "sort"

// Coalescing limits: ranges closer than maxGap are fetched as one GET as
// long as the gaps fetched stay under 1/wasteDivisor of the bytes wanted;
// no GET is longer than maxPart, so that a large range is fetched by
// several GETs at once.
const (
	maxGap       = 1 << 20
	wasteDivisor = 8
	maxPart      = 8 << 20
)

// run is one GET: a span and how many of its bytes were asked for.
type run struct {
	Range
	useful int64
}

// coalesce sorts ranges, clips them to the object's size, merges
// overlapping and nearby ones, and splits long runs into parts of at most
// maxPart bytes.
func coalesce(ranges []Range, size int64) []run {
	wanted := union(ranges, size)
	var groups [][]Range
	for _, r := range wanted {
		if n := len(groups); n > 0 && joins(groups[n-1], r) {
			groups[n-1] = append(groups[n-1], r)
			continue
		}
		groups = append(groups, []Range{r})
	}
	var out []run
	for _, g := range groups {
		start, end := g[0].Off, g[len(g)-1].Off+g[len(g)-1].Len
		for off := start; off < end; off += maxPart {
			part := Range{off, min(maxPart, end-off)}
			out = append(out, run{Range: part, useful: overlap(g, part)})
		}
	}
	return out
}

// union clips ranges to [0, size) and merges the overlapping ones, sorted.
func union(ranges []Range, size int64) []Range {
	var sorted []Range
	for _, r := range ranges {
		if end := min(r.Off+r.Len, size); r.Off >= 0 && end > r.Off {
			sorted = append(sorted, Range{r.Off, end - r.Off})
		}
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Off < sorted[j].Off })
	var out []Range
	for _, r := range sorted {
		if n := len(out); n > 0 && r.Off <= out[n-1].Off+out[n-1].Len {
			out[n-1].Len = max(out[n-1].Len, r.Off+r.Len-out[n-1].Off)
			continue
		}
		out = append(out, r)
	}
	return out
}

// joins tells whether r may be fetched with the group of ranges before it.
func joins(group []Range, r Range) bool {
	last := group[len(group)-1]
	gap := r.Off - (last.Off + last.Len)
	var useful int64
	for _, g := range group {
		useful += g.Len
	}
	span := last.Off + last.Len - group[0].Off
	waste := span - useful + gap
	return gap <= maxGap && waste*wasteDivisor <= useful+r.Len
}

// overlap is how many bytes of part the disjoint ranges cover.
func overlap(ranges []Range, part Range) int64 {
	var n int64
	for _, r := range ranges {
		n += max(0, min(r.Off+r.Len, part.Off+part.Len)-max(r.Off, part.Off))
	}
	return n
}
