/**
 * The picture a member signs in with: its party's event stream folded into alerts (with their
 * history), own items, hotline threads, incidents, agreements and own unit reports, as the web map
 * folds it, with the stream position to follow from ({@link Knowledge}, {@link Pictures}).
 */
@NullMarked
package io.deconflict.service.picture;

import org.jspecify.annotations.NullMarked;
