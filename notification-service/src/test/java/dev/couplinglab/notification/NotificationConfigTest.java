package dev.couplinglab.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.platform.config.ConfigException;
import dev.couplinglab.platform.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationConfigTest {

  @Test
  void defaultsWhenNothingIsSet() {
    NotificationConfig config = NotificationConfig.fromEnv(new Env(Map.of()));
    assertThat(config.grpcPort()).as("default gRPC port").isEqualTo(15053);
    assertThat(config.databaseFile())
        .as("default store file")
        .isEqualTo(Path.of("./data").resolve("notification.db"));
    assertThat(config.kafka().bootstrapServers())
        .as("default bootstrap servers")
        .isEqualTo("localhost:9092");
    assertThat(config.kafka().clientIdPrefix())
        .as("client id prefix")
        .isEqualTo("notification-service");
    assertThat(config.grpcThreads()).as("default gRPC threads").isEqualTo(16);
    assertThat(config.shutdownGrace())
        .as("default shutdown grace")
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void readsEveryVariable() {
    NotificationConfig config =
        NotificationConfig.fromEnv(
            new Env(
                Map.of(
                    "GRPC_PORT", "6000",
                    "DATA_DIR", "/tmp/n",
                    "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                    "GRPC_THREADS", "4",
                    "SHUTDOWN_GRACE_MS", "250")));
    assertThat(config.grpcPort()).as("gRPC port").isEqualTo(6000);
    assertThat(config.databaseFile()).as("store file").isEqualTo(Path.of("/tmp/n/notification.db"));
    assertThat(config.kafka().bootstrapServers())
        .as("bootstrap servers")
        .isEqualTo("k1:9092,k2:9092");
    assertThat(config.grpcThreads()).as("gRPC threads").isEqualTo(4);
    assertThat(config.shutdownGrace()).as("shutdown grace").isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void readsTheAdminSettingsEnabledByDefaultWithoutAToken() {
    NotificationConfig unset = NotificationConfig.fromEnv(new Env(Map.of()));
    NotificationConfig set =
        NotificationConfig.fromEnv(
            new Env(Map.of("ADMIN_TOKEN", "tok-1", "ADMIN_ENABLED", "false")));
    assertThat(unset.admin().enabled()).as("enabled by default").isTrue();
    assertThat(unset.admin().hasToken()).as("no token by default").isFalse();
    assertThat(set.admin().enabled()).as("ADMIN_ENABLED=false").isFalse();
    assertThat(set.admin().token()).as("ADMIN_TOKEN").isEqualTo("tok-1");
    assertThat(set.toString()).as("the config as text").doesNotContain("tok-1");
  }

  @Test
  void badPortStopsStartUpNamingTheVariable() {
    assertThatThrownBy(() -> NotificationConfig.fromEnv(new Env(Map.of("GRPC_PORT", "http"))))
        .as("a port that is not a number")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GRPC_PORT");
  }
}
