package dev.couplinglab.experiment.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One service's {@code /metrics}, scraped over HTTP as Prometheus does. */
public final class MetricsEndpoint {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String service;
  private final URI uri;

  /**
   * @param address {@code host:port} of the service's metrics server
   */
  public MetricsEndpoint(String service, String address) {
    this.service = service;
    this.uri = URI.create("http://" + address + "/metrics");
  }

  public String service() {
    return service;
  }

  public URI uri() {
    return uri;
  }

  /**
   * The samples now.
   *
   * @throws IOException when the service does not answer, with its name and address in the message
   */
  public Samples scrape() throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException(service + " metrics at " + uri + ": HTTP " + response.statusCode());
      }
      return Samples.parse(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(service + " metrics at " + uri + ": interrupted", e);
    } catch (IOException e) {
      throw new IOException(
          service + " metrics at " + uri + " do not answer (" + e.getClass().getSimpleName() + ")",
          e);
    }
  }
}
