# a background job that reads the terminal is stopped by SIGTTIN; kill
# ends it (the shell adds SIGCONT, so it can act on SIGTERM)
cat &
sleep 1
kill %1; wait %1
