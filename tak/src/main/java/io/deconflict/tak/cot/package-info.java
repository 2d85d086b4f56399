/**
 * Cursor on Target: a secure XML reader and writer, and TAK protocol version 1 (protobuf) framing.
 */
@org.jspecify.annotations.NullMarked
package io.deconflict.tak.cot;
