package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.health.HealthEndpoints;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HealthIT {

    /** The same list the OpenShift manifests' probes are checked against. */
    static List<String> endpoints() {
        return HealthEndpoints.ALL;
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void reportsUp(String path) throws Exception {
        HttpResponse<String> response = ServerUnderTest.get(ServerUnderTest.managementUri(path));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", health.getString("status"));
        assertEquals(1, health.getJsonArray("checks").size(), health.toString());
        assertEquals("UP", health.getJsonArray("checks").getJsonObject(0).getString("status"));
    }
}
