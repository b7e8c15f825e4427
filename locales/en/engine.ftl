## engine texts (en)
