-- One database per service, as the services expect (DB_NAME in docker-compose.yml).
create database tickets;
create database payments;
create database qrcodes;
