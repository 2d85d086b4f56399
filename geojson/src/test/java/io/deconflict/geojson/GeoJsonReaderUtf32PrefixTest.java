package io.deconflict.geojson;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link FeatureCollectionReaderFuzzTest}: a document starting with zero bytes made
 * Jackson guess UTF-32, and the {@code CharConversionException} it then threw escaped the reader as
 * an I/O error, so {@code deconflict check} said the file could not be read (exit 3) instead of
 * naming the invalid input (exit 2).
 */
class GeoJsonReaderUtf32PrefixTest {

  @Test
  void aUtf32LookingPrefixIsInvalidInputNotAnIoError() {
    byte[] input = {'{', 0, 0, 0, 0, 0, 0, 4, ')', '"', ':', ' ', '"', 'F', '"', '}'};
    FeatureCollectionReader reader =
        new FeatureCollectionReader(
            ReadOptions.withSeparation(ReadOptions.DEFAULT_SEPARATION_METERS));

    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(input)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("the input is not UTF-8 JSON text: Invalid UTF-32 character");
  }
}
