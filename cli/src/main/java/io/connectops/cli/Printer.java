package io.connectops.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** Writes data as JSON or YAML (the same tree for both), for --output json|yaml. */
final class Printer {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();
    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());

    private Printer() {
    }

    static void print(Object data, OutputFormat format, PrintWriter out) {
        if (format == OutputFormat.markdown) {
            throw new IllegalArgumentException("-o markdown is for plan, apply and compare; this command prints text, json or yaml");
        }
        try {
            out.println(format == OutputFormat.yaml ? YAML.writeValueAsString(data).stripTrailing() : JSON.writeValueAsString(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write output: " + e.getMessage(), e);
        }
        out.flush();
    }
}
