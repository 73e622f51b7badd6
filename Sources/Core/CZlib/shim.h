// Exposes the system zlib (Debian: zlib1g-dev) to Swift.
#include <zlib.h>
