#include <libxml/xmlversion.h>
/* Foundation bundles its own ICU, whose UErrorCode clashes with the system ICU headers that libxml2's
   encoding.h includes when built with ICU. Newsline never touches libxml2's ICU converter (only
   pointers to xmlCharEncodingHandler exist on the Swift side), so the ICU part is left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
