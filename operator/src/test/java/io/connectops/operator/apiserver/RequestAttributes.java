package io.connectops.operator.apiserver;

import java.util.List;
import java.util.Optional;

/**
 * What the API server's authorizer sees of a request: the verb (GET is get, list or watch; POST create; PUT update; PATCH
 * patch; DELETE delete or deletecollection), the API group, the resource and subresource, the namespace and the name.
 */
public record RequestAttributes(String verb, String group, String resource, String subresource, String namespace, String name) {
    /** The resource as an RBAC rule names it: {@code connectors/status}. */
    public String ruleResource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /** Empty for a non-resource URL (discovery, /version, /openapi): every authenticated user may read those. */
    public static Optional<RequestAttributes> of(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/"));
        String group;
        int at;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            at = 2; // api/v1/...
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            at = 3; // apis/group/version/...
        } else {
            return Optional.empty();
        }
        String namespace = null;
        if (parts.size() > at + 1 && parts.get(at).equals("namespaces") && parts.size() > at + 2) {
            namespace = parts.get(at + 1);
            at += 2;
        }
        String resource = parts.get(at);
        String name = parts.size() > at + 1 ? parts.get(at + 1) : null;
        String subresource = parts.size() > at + 2 ? parts.get(at + 2) : null;
        if (namespace == null && resource.equals("namespaces") && name != null) {
            namespace = name; // a namespace is its own namespace
        }
        boolean watch = query.matches("(^|.*&)watch=(true|1)(&.*|$)");
        String verb = switch (method) {
            case "GET" -> name == null ? (watch ? "watch" : "list") : (watch ? "watch" : "get");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return Optional.of(new RequestAttributes(verb, group, resource, subresource, namespace, name));
    }
}
