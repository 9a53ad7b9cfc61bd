"""Qt user interface: widgets and models that call the services in app.models; no SQL here."""
