package io.deconflict.flink;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a message of the notifications topic: the key is the item id (UTF-8), the value the GeoJSON
 * Feature (UTF-8 JSON) or absent to withdraw the item; the version is the message's header {@value
 * #VERSION_HEADER} (a decimal number: the service puts the journal sequence number of the command
 * there, D32) or, without it, the message's offset. A message without a key, whose key or value is
 * not UTF-8, or whose version header is not a number, is logged and skipped.
 */
final class NotificationDeserializer implements KafkaRecordDeserializationSchema<Notification> {

  /** The header that carries an item's version when the writer chooses it (D32). */
  public static final String VERSION_HEADER = "deconflict-version";

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDeserializer.class);

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Notification> out) {
    byte[] key = record.key();
    if (key == null || key.length == 0) {
      LOG.warn(
          "notification at {}-{} offset {} skipped: it has no key (the item id)",
          record.topic(),
          record.partition(),
          record.offset());
      return;
    }
    try {
      String id = utf8(key);
      byte[] value = record.value();
      long version = record.offset();
      Header header = record.headers().lastHeader(VERSION_HEADER);
      if (header != null) {
        try {
          version = Long.parseLong(utf8(header.value()));
        } catch (NumberFormatException e) {
          LOG.warn(
              "notification at {}-{} offset {} skipped: its header {} is not a number",
              record.topic(),
              record.partition(),
              record.offset(),
              VERSION_HEADER);
          return;
        }
      }
      out.collect(new Notification(id, version, value == null ? "" : utf8(value)));
    } catch (CharacterCodingException e) {
      LOG.warn(
          "notification at {}-{} offset {} skipped: its key or value is not UTF-8",
          record.topic(),
          record.partition(),
          record.offset());
    }
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  @Override
  public TypeInformation<Notification> getProducedType() {
    return TypeInformation.of(Notification.class);
  }
}
