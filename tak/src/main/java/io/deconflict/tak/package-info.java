/**
 * TAK interoperability: the Cursor on Target listener and its mapping to service commands and
 * facts.
 */
@org.jspecify.annotations.NullMarked
package io.deconflict.tak;
