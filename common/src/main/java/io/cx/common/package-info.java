/** The cx data contract and the plumbing every job shares. */
package io.cx.common;
