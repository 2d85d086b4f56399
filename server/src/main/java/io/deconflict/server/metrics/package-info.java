/**
 * What an operator watches: Prometheus metrics ({@link ServiceMetrics}) and the health of the
 * service ({@link Readiness}), served on the management listener ({@link ManagementServer}).
 */
@NullMarked
package io.deconflict.server.metrics;

import org.jspecify.annotations.NullMarked;
