/** Keys and certificates made at test time with the JDK's keytool, for the TLS tests. */
@NullMarked
package io.deconflict.testkit.pki;

import org.jspecify.annotations.NullMarked;
