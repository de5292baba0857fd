/** The {@code .schemawarden.yml} configuration: records and a validating loader that names the line of every error. */
package dev.schemawarden.app.config;
