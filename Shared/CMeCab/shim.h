// MeCab's C API (Debian: libmecab-dev). Debian ships no pkg-config file for it, so the module links
// `mecab` by name; `mecab-config --libs` gives the same flags.
#include <mecab.h>
