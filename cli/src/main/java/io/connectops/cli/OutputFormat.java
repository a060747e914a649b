package io.connectops.cli;

/** What {@code --output} accepts. Markdown is for plans posted as pull-request comments. */
public enum OutputFormat {
    text, json, yaml, markdown
}
