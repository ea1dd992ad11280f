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
    assertThat(config.settings().grpcPort()).as("default gRPC port").isEqualTo(15053);
    assertThat(config.databaseFile())
        .as("default store file")
        .isEqualTo(Path.of("./data").resolve("notification.db"));
    assertThat(config.settings().kafka().bootstrapServers())
        .as("default bootstrap servers")
        .isEqualTo("localhost:9092");
    assertThat(config.settings().kafka().clientIdPrefix())
        .as("client id prefix")
        .isEqualTo("notification-service");
    assertThat(config.settings().grpcThreads()).as("default gRPC threads").isEqualTo(16);
    assertThat(config.settings().shutdownGrace())
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
    assertThat(config.settings().grpcPort()).as("gRPC port").isEqualTo(6000);
    assertThat(config.databaseFile()).as("store file").isEqualTo(Path.of("/tmp/n/notification.db"));
    assertThat(config.settings().kafka().bootstrapServers())
        .as("bootstrap servers")
        .isEqualTo("k1:9092,k2:9092");
    assertThat(config.settings().grpcThreads()).as("gRPC threads").isEqualTo(4);
    assertThat(config.settings().shutdownGrace())
        .as("shutdown grace")
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void readsTheAdminSettingsEnabledByDefaultWithoutAToken() {
    NotificationConfig unset = NotificationConfig.fromEnv(new Env(Map.of()));
    NotificationConfig set =
        NotificationConfig.fromEnv(
            new Env(Map.of("ADMIN_TOKEN", "tok-1", "ADMIN_ENABLED", "false")));
    assertThat(unset.settings().admin().enabled()).as("enabled by default").isTrue();
    assertThat(unset.settings().admin().hasToken()).as("no token by default").isFalse();
    assertThat(set.settings().admin().enabled()).as("ADMIN_ENABLED=false").isFalse();
    assertThat(set.settings().admin().token()).as("ADMIN_TOKEN").isEqualTo("tok-1");
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
