package dev.couplinglab.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JulBridgeTest {

  @Test
  void javaUtilLoggingComesOutThroughSlf4j() {
    Logger grpc = (Logger) LoggerFactory.getLogger("io.grpc.internal.SerializingExecutor");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    grpc.addAppender(seen);
    try {
      JulBridge.install();
      JulBridge.install(); // idempotent

      java.util.logging.Logger.getLogger("io.grpc.internal.SerializingExecutor")
          .severe("Exception while executing runnable");

      assertThat(seen.list)
          .as("the JUL record, once, as an SLF4J event")
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getFormattedMessage()).isEqualTo("Exception while executing runnable");
                assertThat(e.getLevel().toString()).isEqualTo("ERROR");
              });
    } finally {
      grpc.detachAppender(seen);
    }
  }
}
