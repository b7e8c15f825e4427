## engine texts (uk)
