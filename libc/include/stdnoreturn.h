/* stdnoreturn.h: the C11 spelling `noreturn` for _Noreturn. */
#ifndef _STDNORETURN_H
#define _STDNORETURN_H

#define noreturn _Noreturn

#endif
