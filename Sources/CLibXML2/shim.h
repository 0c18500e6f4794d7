#ifndef SALES_CLIBXML2_SHIM_H
#define SALES_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, whose headers clash with the ICU that Foundation ships.
   Nothing here uses libxml2's ICU converters, so keep its headers from pulling ICU in. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#endif
