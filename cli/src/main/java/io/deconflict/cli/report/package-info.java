/** Writing conflicts for machines (JSON) and for people (a text table). */
@NullMarked
package io.deconflict.cli.report;

import org.jspecify.annotations.NullMarked;
