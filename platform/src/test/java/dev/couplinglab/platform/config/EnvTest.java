package dev.couplinglab.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvTest {

  private static final Env EMPTY = new Env(Map.of());

  @Test
  void unsetOrBlankVariablesTakeTheirDefaults() {
    Env blank = new Env(Map.of("NAME", "  ", "N", "", "D", " ", "P", "", "F", ""));
    assertThat(EMPTY.string("NAME", "dflt")).as("unset string").isEqualTo("dflt");
    assertThat(blank.string("NAME", "dflt")).as("blank string").isEqualTo("dflt");
    assertThat(blank.integer("N", 7, 0, 10)).as("blank integer").isEqualTo(7);
    assertThat(EMPTY.port("PORT", 15051)).as("unset port").isEqualTo(15051);
    assertThat(blank.millis("D", Duration.ofSeconds(2)))
        .as("blank duration")
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(blank.path("P", Path.of("./data"))).as("blank path").isEqualTo(Path.of("./data"));
    assertThat(blank.flag("F", true)).as("blank flag").isTrue();
  }

  @Test
  void parsesSetVariables() {
    Env env =
        new Env(
            Map.of(
                "NAME", "  trimmed ",
                "N", "42",
                "PORT", "0",
                "D", "1500",
                "P", "/var/lab",
                "F", "YES"));
    assertThat(env.string("NAME", "dflt")).as("string, trimmed").isEqualTo("trimmed");
    assertThat(env.integer("N", 1, 0, 100)).as("integer").isEqualTo(42);
    assertThat(env.port("PORT", 15051)).as("port 0 (any free port)").isZero();
    assertThat(env.millis("D", Duration.ZERO)).as("duration").isEqualTo(Duration.ofMillis(1500));
    assertThat(env.path("P", Path.of("."))).as("path").isEqualTo(Path.of("/var/lab"));
    assertThat(env.flag("F", false)).as("flag YES").isTrue();
  }

  @ParameterizedTest
  @CsvSource({"true,true", "1,true", "yes,true", "False,false", "0,false", "no,false"})
  void readsEveryFlagSpelling(String value, boolean expected) {
    assertThat(new Env(Map.of("F", value)).flag("F", !expected))
        .as("flag %s", value)
        .isEqualTo(expected);
  }

  @Test
  void acceptsTheBoundsOfARange() {
    Env env = new Env(Map.of("LOW", "1", "HIGH", "10"));
    assertThat(env.integer("LOW", 5, 1, 10)).as("lower bound").isEqualTo(1);
    assertThat(env.integer("HIGH", 5, 1, 10)).as("upper bound").isEqualTo(10);
  }

  @ParameterizedTest
  @CsvSource({"GRPC_THREADS,many", "GRPC_THREADS,0", "GRPC_THREADS,11", "GRPC_THREADS,2.5"})
  void badIntegerNamesTheVariableAndTheRange(String name, String value) {
    Env env = new Env(Map.of(name, value));
    assertThatThrownBy(() -> env.integer(name, 5, 1, 10))
        .as("%s=%s", name, value)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(name + "=" + value)
        .hasMessageContaining("from 1 to 10");
  }

  @Test
  void choiceTakesAListedValueInAnyCaseOrNamesTheChoices() {
    List<String> pools = List.of("per-style", "shared");
    assertThat(EMPTY.choice("ENTRY_POOL", "per-style", pools)).as("unset").isEqualTo("per-style");
    assertThat(new Env(Map.of("ENTRY_POOL", " Shared ")).choice("ENTRY_POOL", "per-style", pools))
        .as("listed, other case")
        .isEqualTo("shared");
    assertThatThrownBy(
            () -> new Env(Map.of("ENTRY_POOL", "one")).choice("ENTRY_POOL", "per-style", pools))
        .as("not listed")
        .isInstanceOf(ConfigException.class)
        .hasMessage("ENTRY_POOL=one is not valid: expected one of per-style, shared");
  }

  @Test
  void badPortNamesTheVariable() {
    Env env = new Env(Map.of("GRPC_PORT", "65536"));
    assertThatThrownBy(() -> env.port("GRPC_PORT", 15051))
        .as("a port above 65535")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GRPC_PORT");
  }

  @Test
  void badDurationNamesTheVariable() {
    Env env = new Env(Map.of("SHUTDOWN_GRACE_MS", "0"));
    assertThatThrownBy(() -> env.millis("SHUTDOWN_GRACE_MS", Duration.ofSeconds(5)))
        .as("a duration of 0 ms")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SHUTDOWN_GRACE_MS");
  }

  @Test
  void badFlagNamesTheVariable() {
    Env env = new Env(Map.of("CHAOS", "maybe"));
    assertThatThrownBy(() -> env.flag("CHAOS", false))
        .as("a flag that is neither true nor false")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CHAOS=maybe")
        .hasMessageContaining("true or false");
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1", "0.0.0.0", "192.0.2.7", "::", "::1", "localhost"})
  void acceptsIpLiteralsAsBindAddresses(String address) {
    Env env = new Env(Map.of("BIND", address));
    assertThat(env.bindAddress("BIND", "127.0.0.1")).as("bind address").isEqualTo(address);
  }

  @ParameterizedTest
  @CsvSource({"example.com", "256.0.0.1", "1.2.3", "::zz"})
  void refusesBindAddressesThatAreNotIpLiterals(String address) {
    Env env = new Env(Map.of("BIND", address));
    assertThatThrownBy(() -> env.bindAddress("BIND", "127.0.0.1"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "BIND="
                + address
                + " is not valid: expected an IP address such as 127.0.0.1 or 0.0.0.0");
  }

  @Test
  void bindAddressDefaultsWhenUnset() {
    assertThat(EMPTY.bindAddress("BIND", "127.0.0.1"))
        .as("unset bind address")
        .isEqualTo("127.0.0.1");
  }
}
