package exec

/*
#cgo LDFLAGS: -lm
#include <math.h>

// The C library's functions, applied to a whole column at a time.
enum { CBRT, EXP, LOG, LOG10, SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH };

static void libm_map(int fn, const double *in, double *out, long n) {
	for (long i = 0; i < n; i++) {
		double x = in[i];
		switch (fn) {
		case CBRT: out[i] = cbrt(x); break;
		case EXP: out[i] = exp(x); break;
		case LOG: out[i] = log(x); break;
		case LOG10: out[i] = log10(x); break;
		case SIN: out[i] = sin(x); break;
		case COS: out[i] = cos(x); break;
		case TAN: out[i] = tan(x); break;
		case ASIN: out[i] = asin(x); break;
		case ACOS: out[i] = acos(x); break;
		case ATAN: out[i] = atan(x); break;
		case SINH: out[i] = sinh(x); break;
		case COSH: out[i] = cosh(x); break;
		case TANH: out[i] = tanh(x); break;
		case ASINH: out[i] = asinh(x); break;
		case ACOSH: out[i] = acosh(x); break;
		case ATANH: out[i] = atanh(x); break;
		}
	}
}

static void libm_pow(const double *x, const double *y, double *out, long n) {
	for (long i = 0; i < n; i++) out[i] = pow(x[i], y[i]);
}

static void libm_atan2(const double *y, const double *x, double *out, long n) {
	for (long i = 0; i < n; i++) out[i] = atan2(y[i], x[i]);
}
*/
import "C"

// libmFunc names a C library function of one double.
type libmFunc C.int

// The C library functions PostgreSQL's double precision functions call.
const (
	cCbrt  libmFunc = C.CBRT
	cExp   libmFunc = C.EXP
	cLog   libmFunc = C.LOG
	cLog10 libmFunc = C.LOG10
	cSin   libmFunc = C.SIN
	cCos   libmFunc = C.COS
	cTan   libmFunc = C.TAN
	cAsin  libmFunc = C.ASIN
	cAcos  libmFunc = C.ACOS
	cAtan  libmFunc = C.ATAN
	cSinh  libmFunc = C.SINH
	cCosh  libmFunc = C.COSH
	cTanh  libmFunc = C.TANH
	cAsinh libmFunc = C.ASINH
	cAcosh libmFunc = C.ACOSH
	cAtanh libmFunc = C.ATANH
)

// PostgreSQL computes double precision functions with the C library, whose
// last digit Go's math package does not always share; these run the C
// library's own over a column, so that the results agree bit for bit.

// libmApply computes f of every value.
func libmApply(f libmFunc, in []float64) []float64 {
	out := make([]float64, len(in))
	if len(in) > 0 {
		C.libm_map(C.int(f), (*C.double)(&in[0]), (*C.double)(&out[0]), C.long(len(in)))
	}
	return out
}

// libmPow computes pow(x[i], y[i]).
func libmPow(x, y []float64) []float64 {
	out := make([]float64, len(x))
	if len(x) > 0 {
		C.libm_pow((*C.double)(&x[0]), (*C.double)(&y[0]), (*C.double)(&out[0]), C.long(len(x)))
	}
	return out
}

// libmAtan2 computes atan2(y[i], x[i]).
func libmAtan2(y, x []float64) []float64 {
	out := make([]float64, len(y))
	if len(y) > 0 {
		C.libm_atan2((*C.double)(&y[0]), (*C.double)(&x[0]), (*C.double)(&out[0]), C.long(len(y)))
	}
	return out
}
