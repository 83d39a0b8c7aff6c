package io.holdfast.it;

import com.microsoft.playwright.Page;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API of the shipped product: tokens created in the UI (shown once), a backup, its task log and a
 * restore driven by curl-like calls with a tenant's token (the restored disk bit-exact); then a walk of the
 * OpenAPI document the app serves — every operation without a token is 401, with another tenant's token
 * every operation on an id is 404 and every admin operation 403 — so a new endpoint is covered without
 * editing this test; a revoked and an expired token are refused; errors are problem details naming the field.
 */
class RestApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestVm vm;
    private static ShippedHost host;
    private static Browser browser;

    @BeforeAll
    static void start() {
        vm = TestVm.create(16L << 20).writePattern(0x41, 0, 4L << 20).writePattern(0x42, 8L << 20, 4L << 20);
        host = ShippedHost.start();
        browser = new Browser(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{browser, host, vm}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void tenantsDriveBackupsThroughTheApiAndEveryOperationChecksTokenTenantAndRole() throws Exception {
        Page admin = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
        for (String[] t : new String[][]{{"Acme", "alice"}, {"Bobco", "bob"}}) {
            browser.open(admin, "/admin/tenants");
            admin.locator("#tenant-name input").fill(t[0]);
            admin.locator("#tenant-create").click();
            assertThat(admin.locator("#tenants")).containsText(t[0]);
            browser.open(admin, "/admin/users");
            admin.locator("#user-name input").fill(t[1]);
            admin.locator("#user-password input").fill(t[1] + "-pass-1");
            Browser.choose(admin, "user-tenant", t[0]);
            admin.locator("#user-create").click();
            assertThat(admin.locator("#users")).containsText(t[1]);
        }
        browser.open(admin, "/admin/instances");
        admin.locator("#assign-" + vm.name()).click();
        Browser.choose(admin, "assign-tenant", "Acme");
        admin.locator("#assign-save").click();
        browser.open(admin, "/admin/p/backup-storage");
        Path datastore = Files.createTempDirectory(Files.createDirectories(Path.of("target", "rest-api")), "ds-").toAbsolutePath();
        BackupUi.addLocalStorage(admin, "api-local", datastore.toString(), null);
        BackupUi.assign(browser, admin, "api-local");

        String adminToken = token(admin, "ops-script");
        String alice = token(browser.loginAs("alice", "alice-pass-1"), "billing-panel");
        Page bobPage = browser.loginAs("bob", "bob-pass-1");
        String bob = token(bobPage, "bob-script");
        assertThat(bobPage.content()).doesNotContain(alice);

        // alice: her instance, a backup followed to its end, its task log, a restore in place
        JsonNode instances = call("GET", "/instances", alice, null, 200);
        assertThat(instances.size()).isEqualTo(1);
        long instanceId = instances.get(0).get("id").asLong();
        assertThat(call("GET", "/instances", bob, null, 200).size()).isZero();
        String atBackup = vm.sha256();
        long backupJob = call("POST", "/instances/" + instanceId + "/backups", alice, Map.of("fullRead", true), 202).get("jobId").asLong();
        JsonNode done = await(backupJob, alice);
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("succeeded");
        JsonNode log = call("GET", "/jobs/" + backupJob + "/log?cursor=0", alice, null, 200);
        assertThat(log.get("ended").asBoolean()).isTrue();
        assertThat(log.get("lines").toString()).contains("committed");
        JsonNode more = call("GET", "/jobs/" + backupJob + "/log?cursor=" + log.get("nextCursor").asInt(), alice, null, 200);
        assertThat(more.get("lines").size()).isZero();
        JsonNode list = call("GET", "/instances/" + instanceId + "/backups", alice, null, 200);
        assertThat(list.size()).isEqualTo(1);
        long backupId = list.get(0).get("id").asLong();
        vm.writePattern(0x43, 0, 4L << 20);
        JsonNode bad = call("POST", "/backups/" + backupId + "/restore", alice, Map.of("target", "SIDEWAYS"), 400);
        assertThat(bad.get("field").asString()).isEqualTo("target");
        assertThat(bad.get("detail").asString()).contains("IN_PLACE");
        assertThat(call("POST", "/backups/" + backupId + "/restore", alice, Map.of(), 400).get("field").asString()).isEqualTo("target");
        long restoreJob = call("POST", "/backups/" + backupId + "/restore", alice, Map.of("target", "IN_PLACE", "backUpFirst", false), 202)
                .get("jobId").asLong();
        assertThat(await(restoreJob, alice).get("state").asString()).isEqualTo("succeeded");
        assertThat(vm.sha256()).isEqualTo(atBackup);

        // the document, walked: every operation refuses no token (401), another tenant's token on ids (404), users on admin ops (403)
        JsonNode doc = call("GET", "/openapi.json", null, null, 200);
        assertThat(doc.get("openapi").asString()).startsWith("3.1");
        Map<String, Long> ids = Map.of("instanceId", instanceId, "backupId", backupId, "jobId", backupJob,
                "policyId", 1L, "mirrorId", 1L, "sequenceId", 1L, "storageId", 1L);
        List<String> walked = new ArrayList<>();
        for (var path : doc.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                String concrete = path.getKey();
                for (var id : ids.entrySet()) {
                    concrete = concrete.replace("{" + id.getKey() + "}", Long.toString(id.getValue()));
                }
                assertThat(concrete).as("a path parameter this test does not know: add it to ids").doesNotContain("{");
                boolean adminOnly = op.getValue().has("x-admin-only");
                boolean takesId = path.getKey().contains("{");
                Map<String, Object> body = requiredFields(op.getValue());
                call(method, concrete, null, body, 401);
                if (adminOnly) {
                    call(method, concrete, bob, body, 403);
                    call(method, concrete, alice, body, 403);
                } else if (takesId) {
                    JsonNode problem = call(method, concrete, bob, body, 404);
                    assertThat(problem.get("status").asInt()).isEqualTo(404);
                }
                walked.add(method + " " + path.getKey());
            }
        }
        assertThat(walked).contains("GET /instances/{instanceId}/backups", "POST /backups/{backupId}/restore", "GET /jobs/{jobId}/log",
                "GET /storages");
        assertThat(vm.sha256()).as("nothing bob or nobody asked for changed alice's instance").isEqualTo(atBackup);
        assertThat(call("GET", "/storages", adminToken, null, 200).toString()).contains("api-local");
        assertThat(call("GET", "/instances/" + instanceId + "/backups", adminToken, null, 200).size()).isEqualTo(1);

        // admins configure through the API as on the pages: a storage and a policy, refusals naming the field
        JsonNode badStorage = call("POST", "/storages", adminToken, Map.of("name", "api-rel", "kind", "LOCAL", "path", "relative/dir"), 400);
        assertThat(badStorage.get("field").asString()).isNotBlank();
        assertThat(call("POST", "/storages", adminToken, Map.of("name", "api-x", "kind", "TAPE"), 400).get("field").asString())
                .isEqualTo("kind");
        Path apiFolder = java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(Path.of("target", "api")), "rest-")
                .toAbsolutePath();
        JsonNode created = call("POST", "/storages", adminToken, Map.of("name", "api-made", "kind", "LOCAL", "path", apiFolder.toString(),
                "encrypted", true), 201);
        assertThat(created.get("datastoreKey").asString()).isNotBlank();
        long madeId = created.get("id").asLong();
        JsonNode changed = call("PUT", "/storages/" + madeId, adminToken, Map.of("name", "api-made", "kind", "LOCAL",
                "path", apiFolder.toString(), "encrypted", true, "enabled", false, "bandwidthMBps", 20), 200);
        assertThat(changed.get("enabled").asBoolean()).isFalse();
        assertThat(call("GET", "/storages", adminToken, null, 200).toString()).doesNotContain(created.get("datastoreKey").asString());
        call("DELETE", "/storages/" + madeId, adminToken, null, 204);
        long policyId = call("POST", "/policies", adminToken, Map.of("name", "api-nightly", "fullAt", "02:30", "keepDaily", 7,
                "keepWeekly", 4), 201).get("id").asLong();
        assertThat(call("GET", "/policies", adminToken, null, 200).toString()).contains("api-nightly");
        assertThat(call("PUT", "/policies/" + policyId, adminToken, Map.of("name", "api-nightly", "fullAt", "02:30", "zone", "Mars/Base"), 400)
                .get("field").asString()).isEqualTo("zone");
        assertThat(call("PUT", "/policies/" + policyId, adminToken, Map.of("name", "api-nightly", "fullAt", "25:00"), 400)
                .get("field").asString()).isEqualTo("fullAt");
        call("PUT", "/policies/" + policyId, adminToken, Map.of("name", "api-nightly", "fullAt", "03:00", "fullDay", "SUNDAY",
                "keepWeekly", 8), 200);
        call("DELETE", "/policies/" + policyId, adminToken, null, 204);

        // monitoring: health for anyone, Prometheus for an admin's token only (its labels name instances and tenants)
        assertThat(plain("/actuator/health", null, 200)).contains("\"status\":\"UP\"").doesNotContain("components");
        plain("/actuator/prometheus", null, 401);
        plain("/actuator/prometheus", alice, 403);
        plain("/actuator/env", alice, 403);
        String scrape = plain("/actuator/prometheus", adminToken, 200);
        assertThat(scrape)
                .containsPattern("holdfast_backup_jobs_total\\{kind=\"backup\",result=\"succeeded\"} 1\\.0")
                .containsPattern("holdfast_backup_jobs_total\\{kind=\"restore\",result=\"succeeded\"} 1\\.0")
                .containsPattern("holdfast_backup_job_duration_seconds_total\\{kind=\"backup\"} [0-9.]+")
                .containsPattern("holdfast_backup_read_bytes_total [1-9]")
                .containsPattern("holdfast_backup_stored_bytes_total [1-9]")
                .contains("holdfast_backup_queue_length 0.0")
                .contains("holdfast_backup_jobs_running 0.0")
                .contains("holdfast_backup_remote_errors_total").contains("holdfast_backup_remote_retries_total")
                .containsPattern("holdfast_backup_last_success_timestamp_seconds\\{instance_id=\"" + instanceId + "\",[^}]*} 1\\.[0-9]+E9")
                .contains("jvm_memory_used_bytes");

        // a revoked token and an expired one are refused
        bobPage.reload();
        bobPage.locator("#token-revoke-bob-script").click();
        bobPage.locator("vaadin-button[slot='confirm-button']").click();
        assertThat(bobPage.locator("#tokens")).containsText("revoked");
        call("GET", "/instances", bob, null, 401);
        try (var db = host.database(); var st = db.createStatement()) {
            st.executeUpdate("UPDATE host_api_token SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE name = 'billing-panel'");
        }
        JsonNode expired = call("GET", "/instances", alice, null, 401);
        assertThat(expired.get("detail").asString()).contains("API token");
        assertThat(host.log()).doesNotContain(alice).doesNotContain(bob).doesNotContain(adminToken);
        assertThat(host.databaseDump()).doesNotContain(alice).doesNotContain(adminToken);
        Browser.assertNoStackTrace(bobPage);
    }

    /** A body with every required field the document names, of its type (so only the id decides the answer). */
    private static Map<String, Object> requiredFields(JsonNode operation) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        for (JsonNode name : schema.path("required")) {
            body.put(name.asString(), switch (schema.path("properties").path(name.asString()).path("type").asString()) {
                case "boolean" -> true;
                case "integer" -> 1;
                default -> "x";
            });
        }
        return body;
    }

    /** Creates a token on the API tokens page and reads it from the dialog that shows it once. */
    private String token(Page page, String name) {
        browser.open(page, "/tokens");
        page.locator("#token-name input").fill(name);
        page.locator("#token-create").click();
        String value = page.locator("#token-value").innerText().strip();
        Browser.screenshot(page, "api-token-once");
        page.locator("#token-done").click();
        assertThat(page.locator("#tokens")).containsText(name);
        assertThat(value).startsWith("hf_").hasSize(46);
        return value;
    }

    private static JsonNode await(long jobId, String token) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            JsonNode job = call("GET", "/jobs/" + jobId, token, null, 200);
            String state = job.get("state").asString();
            if (!state.equals("pending") && !state.equals("running")) {
                return job;
            }
            assertThat(System.nanoTime()).as("job %d ends: %s", jobId, job).isLessThan(deadline);
            Thread.sleep(300);
        }
    }

    /** A GET outside /api/v1 (the actuator's endpoints); the body as text. */
    private static String plain(String path, String token, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(host.baseUrl() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s → %s", path, r.body()).isEqualTo(expected);
        return r.body();
    }

    private static JsonNode call(String method, String path, String token, Object body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(host.baseUrl() + "/api/v1" + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s → %s", method, path, r.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as("%s %s", method, path).contains("application/problem+json");
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}
