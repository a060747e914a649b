package io.connectops.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.connectops.model.PolicySpec;
import io.connectops.operator.AdmissionPolicies;
import io.connectops.pipeline.Pipeline;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Policies as the Kubernetes API server enforces them (docs/policies.md). */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "Render the --policy files as Kubernetes admission policies for connectops' custom resources.",
        subcommands = {PoliciesCommand.Render.class})
final class PoliciesCommand implements Runnable {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = {"Print a ValidatingAdmissionPolicy and its binding for each policy of the --policy paths, so kubectl apply of a "
                    + "custom resource that breaks a rule is refused by the API server itself.",
                "A rule that reads a field the custom resources do not have is an error at its file:line."})
    static final class Render implements Callable<Integer> {
        @ParentCommand
        PoliciesCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--apply", description = "Create or update them in the cluster of the current kubeconfig context (only objects "
                + "connectops rendered before are updated).")
        boolean apply;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ConnectopsCommand root = parent.root;
            try {
                if (root.policyPaths().isEmpty()) {
                    throw new IllegalArgumentException("give the policies with --policy PATH (a file or directory of Policy documents)");
                }
                List<PolicySpec> policies = Pipeline.policyFiles(root.policyPaths());
                List<HasMetadata> objects = AdmissionPolicies.render(policies);
                if (!apply) {
                    for (HasMetadata object : objects) {
                        out.print(Serialization.asYaml(object));
                    }
                    out.flush();
                    return ExitCodes.OK;
                }
                try (KubernetesClient client = new KubernetesClientBuilder().build()) {
                    AdmissionPolicies.apply(client, objects).forEach(out::println);
                }
                out.flush();
                return ExitCodes.OK;
            } catch (io.connectops.model.InvalidInputException e) {
                return Problems.report(e, err);
            }
        }
    }
}
