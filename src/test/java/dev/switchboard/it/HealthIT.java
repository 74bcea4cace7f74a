package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthIT {

    @ParameterizedTest
    @ValueSource(strings = {"/health/started", "/health/live", "/health/ready"})
    void reportsUp(String path) throws Exception {
        HttpResponse<String> response = ServerUnderTest.get(path);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", health.getString("status"));
        assertEquals(1, health.getJsonArray("checks").size(), health.toString());
        assertEquals("UP", health.getJsonArray("checks").getJsonObject(0).getString("status"));
    }
}
