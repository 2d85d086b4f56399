/**
 * TLS material from key stores (PKCS#12 or JKS), read alike for every listener that speaks TLS: the
 * HTTP API and the TAK listener.
 */
@NullMarked
package io.deconflict.service.tls;

import org.jspecify.annotations.NullMarked;
