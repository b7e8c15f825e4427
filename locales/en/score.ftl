## score texts (en)
