/* err.h: the BSD message-and-exit helpers: "prog: message: strerror". */
#ifndef _ERR_H
#define _ERR_H

#include <stdarg.h>

_Noreturn void err(int status, const char *fmt, ...);
_Noreturn void errx(int status, const char *fmt, ...);
void warn(const char *fmt, ...);
void warnx(const char *fmt, ...);
_Noreturn void verr(int status, const char *fmt, va_list ap);
_Noreturn void verrx(int status, const char *fmt, va_list ap);
void vwarn(const char *fmt, va_list ap);
void vwarnx(const char *fmt, va_list ap);

#endif
