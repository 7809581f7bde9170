"""Test helpers that stand in for outside services (loopback servers, never mocks)."""
