/** Tests of the TAK listener over real sockets. */
@org.jspecify.annotations.NullMarked
package io.deconflict.tak;
