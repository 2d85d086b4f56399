/**
 * The weekly review of an agreement (issue 15, D42): what a viewer was told during an ISO week,
 * read from the journal, summed up for the commanders' meeting, with the breaches of the
 * agreement's terms flagged together with the journal records that prove them ({@link Reviews}).
 */
@NullMarked
package io.deconflict.service.review;

import org.jspecify.annotations.NullMarked;
