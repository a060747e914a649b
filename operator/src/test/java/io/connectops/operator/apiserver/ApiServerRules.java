package io.connectops.operator.apiserver;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The API server's own rules in front of fabric8's mock server (which accepts whatever it is sent), so a test that passes
 * on the mock means something on a cluster: every request of the operator's ServiceAccount authorized against the rendered RBAC (403 otherwise, as the
 * API server answers), an owner reference with {@code blockOwnerDeletion} only with {@code update} on the owner's
 * {@code finalizers} (OwnerReferencesPermissionEnforcement, on in OpenShift), and every custom resource created or
 * replaced validated against its CRD's schema (422), and created only when the ValidatingAdmissionPolicies bound through
 * the mock admit it ({@link ValidatingAdmission}). Status subresource semantics are the CRUD mock's own. What was
 * refused is kept, so a test can say the operator never met a refusal.
 */
public final class ApiServerRules extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The bearer token of the operator's ServiceAccount; other requests are a cluster administrator's (kubectl). */
    public static final String OPERATOR_TOKEN = "system-serviceaccount-connectops-operator";

    private final Dispatcher server;
    private final RenderedRbac rbac;
    private final CrdSchemas schemas;
    private final ValidatingAdmission admission = new ValidatingAdmission();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<String> refusedForTheTest = new CopyOnWriteArrayList<>();
    private final List<java.time.Instant> refusedForTheTestAt = new CopyOnWriteArrayList<>();
    /** Requests a test has the server refuse (a revoked permission, an unreachable Lease). */
    private volatile Predicate<RequestAttributes> outage = r -> false;

    public ApiServerRules(Dispatcher server, RenderedRbac rbac, CrdSchemas schemas) {
        this.server = server;
        this.rbac = rbac;
        this.schemas = schemas;
    }

    /** Refuses (403) what {@code requests} matches from now on; {@code r -> false} ends it. */
    public void refuse(Predicate<RequestAttributes> requests) {
        this.outage = requests;
    }

    /** The requests refused because the test said so ({@link #refuse}). */
    public List<String> refusedForTheTest() {
        return List.copyOf(refusedForTheTest);
    }

    /** When each of {@link #refusedForTheTest()} came. */
    public List<java.time.Instant> refusedForTheTestAt() {
        return List.copyOf(refusedForTheTestAt);
    }

    /** Every request the rules refused so far (not those the test had refused), as "VERB path: why". */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Optional<RequestAttributes> attributes = RequestAttributes.of(request.getMethod(), request.getPath());
        if (attributes.isEmpty()) {
            return server.dispatch(request);
        }
        RequestAttributes a = attributes.get();
        if (outage.test(a)) {
            refusedForTheTest.add(request.getMethod() + " " + request.getPath());
            refusedForTheTestAt.add(java.time.Instant.now());
            return status(403, "Forbidden", "refused by the test");
        }
        boolean operator = ("Bearer " + OPERATOR_TOKEN).equals(request.getHeader("Authorization"));
        if (operator && !rbac.allows(a)) {
            return refuse(request, 403, "Forbidden", "the rendered RBAC does not grant " + a.verb() + " on " + groupResource(a));
        }
        JsonNode body = body(request);
        if (body != null) {
            String why = operator ? ownerReferencesRefused(body) : null;
            if (why != null) {
                return refuse(request, 422, "Invalid", why); // the API server says Forbidden in a 422 here
            }
            boolean writes = a.subresource() == null && (a.verb().equals("create") || a.verb().equals("update"));
            if (writes && schemas.defines(a.group(), a.resource())) {
                List<String> invalid = schemas.validate(a.group(), a.resource(), body);
                if (!invalid.isEmpty()) {
                    return refuse(request, 422, "Invalid", String.join("; ", invalid));
                }
                String denied = a.verb().equals("create") ? admission.denied(a, body) : null;
                if (denied != null) {
                    return refuse(request, 422, "Invalid", denied);
                }
            }
            if (writes && a.group().equals(ValidatingAdmission.GROUP)) {
                List<String> invalid = admission.register(a, body);
                if (!invalid.isEmpty()) {
                    return refuse(request, 422, "Invalid", String.join("; ", invalid));
                }
            }
        }
        return server.dispatch(request);
    }

    private String ownerReferencesRefused(JsonNode body) {
        for (JsonNode owner : body.at("/metadata/ownerReferences")) {
            if (!owner.path("blockOwnerDeletion").asBoolean()) {
                continue;
            }
            String resource = schemas.resourceOfKind(owner.path("kind").asText());
            String apiVersion = owner.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String plural = resource == null ? owner.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + "s"
                    : resource.substring(resource.indexOf('/') + 1);
            if (!rbac.allows(new RequestAttributes("update", group, plural, "finalizers", null, owner.path("name").asText()))) {
                return "cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on: "
                        + "no update on " + plural + "/finalizers";
            }
        }
        return null;
    }

    private static JsonNode body(RecordedRequest request) {
        // Peeked, not read: the server behind reads the body again.
        String text = request.getBody() == null ? null : new String(request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node.isObject() ? node : null; // a JSON patch is an array: the operator patches metadata only
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private MockResponse refuse(RecordedRequest request, int code, String reason, String why) {
        refused.add(request.getMethod() + " " + request.getPath() + ": " + why);
        return status(code, reason, why);
    }

    private static MockResponse status(int code, String reason, String why) {
        String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason + "\",\"code\":" + code
                + ",\"message\":" + JSON.valueToTree(why) + "}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(status);
    }

    private static String groupResource(RequestAttributes a) {
        return (a.group().isEmpty() ? "" : a.group() + "/") + a.ruleResource();
    }

    @Override
    public void shutdown() {
        server.shutdown();
    }
}
