/* features.h: feature-test macros select nothing here: every header
 * declares all it has. Present because programs include it. */
#ifndef _FEATURES_H
#define _FEATURES_H
#endif
