package io.connectops.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.connectops.apply.PasswordStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Generated user passwords kept in Kubernetes Secrets ({@code secret:NAMESPACE/NAME}), beside the resource that
 * declares the user and owned by it (deleting the resource lets Kubernetes delete the Secret). The keys are
 * Strimzi's, so an application reads its credentials the same way: {@code password}, {@code sasl.jaas.config},
 * and also {@code username}. A Secret connectops did not make is never read or overwritten.
 */
final class SecretPasswords implements PasswordStore {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String USER_LABEL = "connectops.io/user";

    private final KubernetesClient client;
    /** The resource declaring the user whose password a location holds: its owner. */
    private final java.util.function.Function<String, HasMetadata> owners;

    SecretPasswords(KubernetesClient client, java.util.function.Function<String, HasMetadata> owners) {
        this.client = client;
        this.owners = owners;
    }

    /** {@code secret:NAMESPACE/NAME} for a resource's Secret. */
    static String location(String namespace, String name) {
        return SECRET_PREFIX + namespace + "/" + name;
    }

    @Override
    public boolean keeps(String location) {
        return true;
    }

    /**
     * The operator keeps generated passwords in Secrets only, and only in the namespace of the resource that declares
     * the user: a file path ({@code connectops.io/password-file: /etc/...}) or another namespace's Secret is refused.
     */
    @Override
    public String refusal(String location) {
        if (!location.startsWith(SECRET_PREFIX)) {
            return "'" + location + "': under the operator a generated password is kept in a Secret of the resource's own namespace "
                    + "(connectops.io/password-file: secret:NAMESPACE/NAME, or leave it out), never in a file";
        }
        HasMetadata owner = owners.apply(location);
        String namespace = location.substring(SECRET_PREFIX.length()).split("/", 2)[0];
        if (owner != null && !namespace.equals(owner.getMetadata().getNamespace())) {
            return "'" + location + "' is a Secret of namespace " + namespace + ": a resource of namespace "
                    + owner.getMetadata().getNamespace() + " may keep its password only in its own namespace";
        }
        return null;
    }

    @Override
    public Optional<String> read(String location) throws IOException {
        String refused = refusal(location);
        if (refused != null) {
            throw new IOException(refused);
        }
        Secret secret = get(location);
        if (secret == null) {
            return Optional.empty();
        }
        String encoded = secret.getData() == null ? null : secret.getData().get("password");
        return encoded == null ? Optional.empty() : Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    /** A Secret connectops made for another user (another User resource's passwordSecret) is refused, not used. */
    @Override
    public Optional<String> read(String location, String user) throws IOException {
        if (location.startsWith(SECRET_PREFIX)) {
            Secret secret = get(location);
            String holder = secret == null || secret.getMetadata().getLabels() == null ? null : secret.getMetadata().getLabels().get(USER_LABEL);
            if (secret != null && !label(user).equals(holder)) {
                throw new IOException("Secret " + location.substring(SECRET_PREFIX.length()) + " holds the password of user '" + holder
                        + "', not of '" + user + "': name a Secret of its own in passwordSecret");
            }
        }
        return read(location);
    }

    @Override
    public void write(String location, String user, String password) throws IOException {
        String refused = refusal(location);
        if (refused != null) {
            throw new IOException(refused);
        }
        String[] at = parse(location);
        get(location); // refuses a Secret that is not connectops'
        Map<String, String> data = new LinkedHashMap<>();
        data.put("username", encode(user));
        data.put("password", encode(password));
        data.put("sasl.jaas.config", encode("org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";"));
        SecretBuilder secret = new SecretBuilder().withNewMetadata().withNamespace(at[0]).withName(at[1])
                .addToLabels(MANAGED_BY, "connectops").addToLabels(USER_LABEL, label(user)).endMetadata()
                .withType("Opaque").withData(data);
        HasMetadata owner = owners.apply(location);
        if (owner != null && owner.getMetadata().getUid() != null && at[0].equals(owner.getMetadata().getNamespace())) {
            secret.editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
                    .withKind(owner.getKind()).withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                    .build()).endMetadata();
        }
        try {
            client.secrets().inNamespace(at[0]).resource(secret.build()).createOr(existing -> existing.update());
        } catch (KubernetesClientException e) {
            throw new IOException("cannot write Secret " + at[0] + "/" + at[1] + ": " + e.getStatus().getMessage());
        }
    }

    /**
     * A User given up (deletionPolicy Orphan): its password Secret loses the owner reference to it, so it stays when the
     * User resource goes. Nothing when it has no such Secret or reference.
     */
    static void keepAfter(KubernetesClient client, HasMetadata user) {
        String location = ResourceDocuments.passwordLocation(user);
        if (location == null || !(user instanceof io.connectops.operator.crd.UserResource)) {
            return;
        }
        String[] at;
        try {
            at = parse(location);
        } catch (IOException e) {
            return; // not a Secret's location
        }
        Secret secret = client.secrets().inNamespace(at[0]).withName(at[1]).get();
        String uid = user.getMetadata().getUid();
        if (secret == null || secret.getMetadata().getOwnerReferences() == null
                || secret.getMetadata().getOwnerReferences().stream().noneMatch(o -> o.getUid().equals(uid))) {
            return;
        }
        // An update (the Role grants secrets no patch), conditional on the version read: a conflict is tried at the next pass.
        secret.getMetadata().getOwnerReferences().removeIf(o -> o.getUid().equals(uid));
        client.secrets().inNamespace(at[0]).resource(secret).update();
    }

    /** The Secret at {@code location}, null when there is none; an IOException when it is not connectops'. */
    private Secret get(String location) throws IOException {
        String[] at = parse(location);
        Secret secret;
        try {
            secret = client.secrets().inNamespace(at[0]).withName(at[1]).get();
        } catch (KubernetesClientException e) {
            throw new IOException("cannot read Secret " + at[0] + "/" + at[1] + ": " + e.getStatus().getMessage());
        }
        if (secret != null && (secret.getMetadata().getLabels() == null
                || !"connectops".equals(secret.getMetadata().getLabels().get(MANAGED_BY)))) {
            throw new IOException("Secret " + at[0] + "/" + at[1] + " exists and was not made by connectops: it is neither read nor "
                    + "overwritten. Name another one in 'spec.passwordSecret', or give the password as a secret variable ('spec.password')");
        }
        return secret;
    }

    private static String[] parse(String location) throws IOException {
        String rest = location.substring(SECRET_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            throw new IOException("'" + location + "' is not secret:NAMESPACE/NAME");
        }
        return new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A label value holds at most 63 of [A-Za-z0-9_.-]: a principal such as "CN=app,O=x" is shortened to fit. */
    static String label(String user) {
        String cleaned = user.replaceAll("[^A-Za-z0-9_.-]", "_");
        cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
        return cleaned.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }
}
