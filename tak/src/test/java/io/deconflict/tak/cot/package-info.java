/** Tests of the CoT reader, writer and TAK protocol codec. */
@org.jspecify.annotations.NullMarked
package io.deconflict.tak.cot;
